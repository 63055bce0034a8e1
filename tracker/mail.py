"""Django's SMTP backend, plus one fact it does not keep: whether the message was handed over.

After the last line of DATA the server owns the message; if its answer then never comes (a
timeout, a dropped connection), the message may well have been accepted. Retrying would
deliver it twice, so that failure is raised as `MessageMaybeAccepted`, which the reminder
service does not retry. Everything before (connect, MAIL, RCPT, the DATA command itself)
stays an ordinary SMTP error that is safe to retry.
"""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING

from django.core.mail.backends import smtp

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

# smtplib ends the message it sends with <CRLF>.<CRLF> (RFC 5321, 4.1.1.4); commands are str.
END_OF_DATA = b"\r\n.\r\n"


class MessageMaybeAccepted(smtplib.SMTPException):
    """The whole message went out, then the server's answer did not come back."""


class HandOverAwareSMTP(smtplib.SMTP):
    message_handed_over = False

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.message_handed_over = True

    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        self.message_handed_over = False
        try:
            return super().data(msg)
        except OSError as error:  # smtplib's errors, timeouts and resets are all OSError
            if self.message_handed_over:
                raise MessageMaybeAccepted(
                    f"no answer after the message was handed over ({error})"
                ) from error
            raise


class HandOverAwareSMTP_SSL(HandOverAwareSMTP, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    """settings maps `smtp://` and `smtp+tls://` EMAIL_URLs to this backend."""

    @property
    def connection_class(self):
        return HandOverAwareSMTP_SSL if self.use_ssl else HandOverAwareSMTP
