"""服务社工作台: the ledgers of a Party Member Service Club office, kept in one SQLite file."""

__version__ = "0.1.0"
