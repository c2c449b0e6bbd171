"""One module per screen; ``base`` holds what they share (loading in workers, modals)."""
