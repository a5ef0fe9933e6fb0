// Entity resolution; see ARCHITECTURE.md.
