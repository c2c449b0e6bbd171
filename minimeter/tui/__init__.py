"""The Textual terminal UI. ``minimeter.tui.app.make_app(settings)`` is the entry point."""
