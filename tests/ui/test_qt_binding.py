"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 did not, and the roster then crashed the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal


class _Empty(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 0

    def data(self, index, role=0):
        return None


class _Emitter(QObject):
    fired = Signal(str, int, object)


def test_model_resets_and_signals_keep_none_and_booleans_alive(qapp):
    model, emitter = _Empty(), _Emitter()
    received = []
    emitter.fired.connect(lambda key, generation, value: received.append(generation))
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        model.beginResetModel()
        model.endResetModel()
        emitter.fired.emit("roster", 1, None)
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert len(received) == 500
    # Immortal objects (Python 3.12+) report a huge constant; on 3.11 a leaky binding loses ~1000 here.
    assert after[0] >= before[0] - 50 and after[1] >= before[1] - 50
