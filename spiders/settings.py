"""Scrapy settings: polite by default (robots.txt, AutoThrottle, a User-Agent with a contact)."""

BOT_NAME = "rasd"
SPIDER_MODULES = ["spiders.site_spider"]
USER_AGENT = "RasdBot/0.1 (+https://github.com/rasd-project/rasd; news monitoring)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is far smaller; larger is broken
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
HTTPERROR_ALLOW_ALL = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
ITEM_PIPELINES = {"spiders.pipelines.PostgresPipeline": 300}
FEED_EXPORT_ENCODING = "utf-8"
