"""What Rasd's DAGs need from Airflow (connections), kept apart from the pipeline package,
which never imports Airflow."""
