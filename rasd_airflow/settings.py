"""Rasd's settings inside Airflow: connections first, then the environment (see pipeline.config)."""

from __future__ import annotations

from dataclasses import replace

from airflow.sdk import Connection
from airflow.sdk.exceptions import AirflowNotFoundException, AirflowRuntimeError

from pipeline.config import Config, load_config

DATABASE_CONNECTION = "rasd_postgres"
SMTP_CONNECTION = "smtp_default"


def _connection(conn_id: str) -> Connection | None:
    try:
        return Connection.get(conn_id)
    except (AirflowNotFoundException, AirflowRuntimeError):  # not defined: use the environment
        return None


def rasd_config() -> Config:
    """load_config(), with the database and SMTP server of Airflow connections when defined."""
    config = load_config()
    database = _connection(DATABASE_CONNECTION)
    if database is not None:
        uri = database.get_uri().replace("postgres://", "postgresql://", 1)
        config = replace(config, database_url=uri)
    smtp = _connection(SMTP_CONNECTION)
    if smtp is not None and smtp.host:
        extra = smtp.extra_dejson or {}
        config = replace(config, smtp=replace(
            config.smtp, host=smtp.host, port=smtp.port or config.smtp.port,
            user=smtp.login or None, password=smtp.password or None,
            starttls=bool(extra.get("starttls", config.smtp.starttls)),
            sender=extra.get("from_email", config.smtp.sender)))
    return config
