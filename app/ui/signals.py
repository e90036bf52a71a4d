"""The application-wide announcement of changed data: one signal carrying a typed ``Changes`` value, and
``follow()`` for a widget to refresh when a register it shows has changed; and the sentence saying what a save did
(``tell``), which the main window shows with its 撤销 button."""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from app.db.changes import Changes, Register


class DataBus(QObject):
    changed = Signal(object)  # a Changes
    said = Signal(object)  # an app.ui.write.Saved: what a save did, and how to undo it


data_bus = None


def bus() -> DataBus:
    global data_bus
    if data_bus is None:
        data_bus = DataBus()
    return data_bus


def announce(changes: Changes) -> None:
    """Tell every page what a write changed (nothing is sent for a write that changed nothing)."""
    if changes:
        bus().changed.emit(changes)


def tell(saved) -> None:
    """Say what a save did (app.ui.write.Saved) to whoever shows it: the main window's confirmation."""
    bus().said.emit(saved)


def hear(slot: Callable[[object], None]) -> None:
    """``slot(saved)`` for each save's sentence (app.ui.write.Saved): the main window's confirmation listens."""
    bus().said.connect(slot)


class _Follower(QObject):
    """Calls ``slot(changes)`` when a change touches one of ``registers``; a child of the widget it serves, so it
    stops listening when the widget goes."""

    def __init__(self, parent: QObject, registers: Iterable[Register], slot: Callable[[Changes], None]):
        super().__init__(parent)
        self._registers = tuple(registers)
        self._slot = slot
        bus().changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(*self._registers):
            self._slot(changes)

    def stop(self) -> None:
        """Stop listening before the widget goes (a window closed on a file that is being closed too)."""
        bus().changed.disconnect(self._changed)


def follow(widget: QObject, registers: Iterable[Register], slot: Callable[[Changes], None]) -> _Follower:
    """``follow(self, {Register.VISIT, Register.PERSON}, lambda changes: self.refresh())``."""
    return _Follower(widget, registers, slot)
