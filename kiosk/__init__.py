"""The kiosk application: config, session flow, services, platform client, sync, diagnostics."""
