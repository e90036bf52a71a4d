"""The application-wide announcement of changed data: a write says which table changed, pages refresh what they show."""

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    changed = Signal(str, object)  # table name, the row ids changed (or None for "many")


data_bus = None


def bus() -> DataBus:
    global data_bus
    if data_bus is None:
        data_bus = DataBus()
    return data_bus
