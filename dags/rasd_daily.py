"""
### rasd_daily: Rasd's daily job

Each run handles the day of its data interval (`data_interval_start`, UTC date):

1. **migrate**: apply pending schema migrations.
2. **crawl**: one task per enabled site file in `spiders/sites/` (`scrapy crawl` in a
   subprocess): articles published in the data interval (with the site's margin), new or
   changed since the last crawl; counts per run in `rasd.crawl_runs`, every fetch in
   `rasd.fetches`. A site that fails shows red on its own and does not stop the others.
3. **extract_text**: stored pages -> clean article text (trafilatura + site rules).
4. **extract_events**: articles published that day -> events and tallies.
5. **merge_events**: reports of one attack from several outlets and days -> one incident
   (`rasd.incidents`), figures reconciled (smallest, largest, value used); re-clusters the
   reports of the last `RASD_MERGE_WINDOW_DAYS` (14).
6. **trends**: daily incidents (not reports), killed, wounded and sources per governorate,
   perpetrator and target (rewrites a lookback window).
7. **spikes**: alerts for days that stand out from their baseline.
8. **send_alerts**: emails each unsent alert once; an SMTP outage keeps it for the next run.
9. **data_quality**: a site with no new article for two days, a site whose pages mostly fail
   extraction, a day without events where the baseline expects several: recorded in
   `rasd.quality_findings` and emailed to the operators (`RASD_OPERATOR_RECIPIENTS`) once.

A task that fails for good emails the operators (`RASD_OPERATOR_RECIPIENTS`) through the
`smtp_default` connection; `RASD_TASK_RETRIES` sets the retries (2), `RASD_RETRY_DELAY_SECONDS`
the wait before each (300).

Settings: the `rasd_postgres` connection (else `DATABASE_URL` / `PG*`), the `smtp_default`
connection (else `RASD_SMTP_*`), and the `RASD_*` variables in the README.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.providers.smtp.notifications.smtp import SmtpNotifier
from airflow.sdk import dag, task

from rasd_airflow.settings import rasd_config


@dag(
    dag_id="rasd_daily",
    schedule="@daily",
    start_date=pendulum.datetime(2020, 12, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={
        "retries": int(os.environ.get("RASD_TASK_RETRIES", "2")),
        "retry_delay": timedelta(seconds=int(os.environ.get("RASD_RETRY_DELAY_SECONDS", "300"))),
        # Operators hear of a task that failed for good, through the smtp_default connection.
        "on_failure_callback": SmtpNotifier(
            to=os.environ.get("RASD_OPERATOR_RECIPIENTS", "operators@localhost").split(","),
            from_email=os.environ.get("RASD_MAIL_FROM", "rasd@localhost"),
            subject="Rasd: task {{ ti.task_id }} failed for {{ ds }}",
            # Everything escaped: an exception can quote scraped text.
            html_content="<p>Task <b>{{ ti.task_id | e }}</b> of <b>{{ dag.dag_id | e }}</b> "
                         "failed for {{ ds }} after {{ ti.try_number }} tries: "
                         "{{ exception | e }}</p>"
                         '<p><a href="{{ ti.log_url | e }}">Log</a></p>',
        ),
    },
    doc_md=__doc__,
    tags=["rasd"],
)
def rasd_daily():
    @task(doc_md="Apply pending migrations; returns their names.")
    def migrate() -> list[str]:
        from pipeline.daily import migrate as apply

        return apply(rasd_config())

    @task(doc_md="The ids of the enabled site files.")
    def list_sites() -> list[str]:
        from pipeline.daily import enabled_sites

        return enabled_sites(rasd_config())

    @task(doc_md="Crawl one site: new and changed articles of the data interval into "
                 "rasd.pages, every fetch into rasd.fetches; returns the run's counts.")
    def crawl(site_id: str, data_interval_start=None, data_interval_end=None) -> dict:
        from pipeline.crawl import run_crawl

        return run_crawl(rasd_config(), site_id, since=data_interval_start,
                         until=data_interval_end)

    @task(doc_md="Pages not yet extracted -> articles.", trigger_rule="all_done")
    def extract_text() -> dict:
        from pipeline.daily import text_stage

        return text_stage(rasd_config())

    @task(doc_md="Articles published on the run's day -> events and tallies.")
    def extract_events(data_interval_start=None) -> dict:
        from pipeline.daily import events_stage

        return events_stage(rasd_config(), data_interval_start.date())

    @task(doc_md="Events of the merge window -> incidents: reports of one attack from several "
                 "outlets and days merged, figures reconciled; returns reports, incidents, "
                 "merged.")
    def merge_events(data_interval_start=None) -> dict:
        from pipeline.daily import merge_stage

        return merge_stage(rasd_config(), data_interval_start.date())

    @task(doc_md="Daily trend rows for the run's day and its lookback window.")
    def trends(data_interval_start=None) -> dict:
        from pipeline.daily import trends_stage

        return trends_stage(rasd_config(), data_interval_start.date())

    @task(doc_md="Alerts for days that spiked.")
    def spikes(data_interval_start=None) -> dict:
        from pipeline.daily import spikes_stage

        return spikes_stage(rasd_config(), data_interval_start.date())

    @task(doc_md="Data-quality checks (a quiet site, failing extraction, a day without "
                 "events), emailed to the operators once.")
    def data_quality(data_interval_start=None) -> dict:
        from pipeline.daily import quality_stage

        return quality_stage(rasd_config(), data_interval_start.date())

    @task(doc_md="Email every unsent alert, exactly once.")
    def send_alerts() -> dict:
        from pipeline.daily import alerts_stage

        return alerts_stage(rasd_config())

    crawled = crawl.expand(site_id=list_sites())
    migrate() >> crawled
    trend_rows = crawled >> extract_text() >> extract_events() >> merge_events() >> trends()
    trend_rows >> spikes() >> send_alerts()
    trend_rows >> data_quality()


rasd_daily()
