-- Two databases on one server: Airflow's metadata and Rasd's data stay apart.
CREATE USER airflow WITH PASSWORD 'airflow';
CREATE DATABASE airflow OWNER airflow;
CREATE USER rasd WITH PASSWORD 'rasd';
CREATE DATABASE rasd OWNER rasd;
