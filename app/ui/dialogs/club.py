"""Name the club on first start (the name heads the window, the bulletin and the branch return)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from app.db.settings import set_setting


class ClubNameDialog(QDialog):
    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Welcome"))
        intro = QLabel(self.tr("Welcome to the club workbench. What is your club called?"))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Shengbei Party Member Service Club"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Please type the club's name."))
            self.error.show()
            return
        set_setting(self._db, "club_name", name, actor=self._actor)
        self.accept()
