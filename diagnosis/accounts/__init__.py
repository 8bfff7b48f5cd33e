"""Accounts: users that commands and jobs need (people sign up or are created in the admin)."""
