// The Ledger module; see ARCHITECTURE.md.
