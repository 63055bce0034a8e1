"""What a browser sends back when a person saves an admin change page."""

# A session page's inline of resumed parts and organizational meetings, left empty: the
# management data a browser sends with it.
NO_PARTS = {
    "parts-TOTAL_FORMS": "0",
    "parts-INITIAL_FORMS": "0",
    "parts-MIN_NUM_FORMS": "0",
    "parts-MAX_NUM_FORMS": "1000",
}


def change_form_data(response) -> dict:
    """Every field's value as the page shows it (and the hidden copy of the value shown,
    for a field that has one), the inline formsets' management data and their forms'
    fields (a row kept as it is)."""
    form = response.context["adminform"].form
    data = _values(form, form.fields)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for each in inline.formset.initial_forms:
            data.update(
                (each.add_prefix(name), value)
                for name, value in _values(each, each.fields).items()
                if name != "DELETE"
            )
    return data


def _values(form, names) -> dict:
    data = {}
    for name in names:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
        if form.fields[name].show_hidden_initial:  # the value shown, sent back hidden
            data[form[name].html_initial_name] = data[name]
    return data
