"""Lambda entry points: one module per function, plus the shared HTTP resolver factory in `http`."""
