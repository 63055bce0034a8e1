"""Business logic: the only place that writes rows with meaning (see DESIGN.md)."""
