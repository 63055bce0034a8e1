"""A real SMTP server in the test process (aiosmtpd) that records what it receives."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])


@dataclass
class RecordingHandler:
    """Keeps every message; can hold the Nth conversation at RCPT until released."""

    received: list[Received] = field(default_factory=list)
    hold_at: int | None = None  # 1-based number of the MAIL FROM to hold
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    mail_count: int = 0
    rcpt_reply: str = "250 OK"
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # one address's own reply
    data_delay: float = 0  # seconds between accepting a message and answering DATA

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address, self.rcpt_reply)
        if not reply.startswith("250"):
            return reply
        envelope.rcpt_tos.append(address)
        self.mail_count += 1
        if self.hold_at is not None and self.mail_count == self.hold_at:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        if self.data_delay:  # a slow relay: the message is taken, the answer comes late
            await asyncio.sleep(self.data_delay)
        return "250 Message accepted for delivery"


class SMTPServer:
    """Start, stop ("down") and restart ("up") a local SMTP server on a fixed free port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None

    def up(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]
