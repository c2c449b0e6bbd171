"""Intake: files from the inbox (or the command line) into the archive and the job store."""
