"""The golden messages: every kind x locale x channel, rendered from ``example_context``.

Shared by ``tests/test_golden.py`` (compare) and ``tests/regen_golden.py`` (write).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from expectset.examples import example_context
from expectset.messages import MESSAGE_KINDS
from expectset.rendering import Message, render

GOLDEN = Path(__file__).resolve().parent / "golden"
LOCALES = ("id", "en", "en_US")
CHANNELS = ("email", "status", "voicemail")
# Every kind also in friendly Indonesian, by first name (Kak Sari): the sample free text
# has an "id@friendly" version wherever it addresses the reader.
FRIENDLY_KINDS = MESSAGE_KINDS


@dataclasses.dataclass(frozen=True)
class Case:
    """One golden file: what to render and where it is kept."""

    kind: str
    locale: str
    channel: str = "email"
    register: str = "formal"

    @property
    def path(self) -> Path:
        """Where the golden file is kept."""
        name = self.locale + ("@friendly" if self.register == "friendly" else "")
        if self.kind == "out_of_office":
            name += f".{self.channel}"
        return GOLDEN / self.kind / f"{name}.txt"

    @property
    def id(self) -> str:
        """The path under tests/golden, as a test id."""
        return self.path.relative_to(GOLDEN).as_posix()

    def render(self) -> Message:
        """Render the case from its example context."""
        context: dict[str, Any] = example_context(self.kind)
        if self.register == "friendly":
            if self.kind == "out_of_office":
                context["register"] = "friendly"
            else:
                context["recipient"] = dataclasses.replace(
                    context["recipient"], register="friendly", first_name_ok=True
                )
        return render(self.kind, locale=self.locale, channel=self.channel, **context)  # type: ignore[arg-type]


def cases() -> Iterator[Case]:
    """Every golden case."""
    for kind in MESSAGE_KINDS:
        channels = CHANNELS if kind == "out_of_office" else ("email",)
        for channel in channels:
            for locale in LOCALES:
                yield Case(kind, locale, channel)
            if kind in FRIENDLY_KINDS:
                yield Case(kind, "id", channel, "friendly")


def serialise(message: Message) -> str:
    """The golden file's text: each part of the message under a heading."""
    parts = []
    if message.subject:
        parts.append(f"=== subject ===\n{message.subject}\n")
        parts.append(f"=== preheader ===\n{message.preheader}\n")
    parts.append(f"=== text ===\n{message.text}")
    if message.html:
        parts.append(f"=== html ===\n{message.html}")
    for name, value in message.headers:
        parts.append(f"=== header ===\n{name}: {value}\n")
    return "\n".join(parts)
