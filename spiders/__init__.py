"""Rasd's Scrapy project: one generic spider driven by the site files in spiders/sites/."""
