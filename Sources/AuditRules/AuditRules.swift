// Audit rules; see ARCHITECTURE.md.
