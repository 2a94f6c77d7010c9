# One image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production VAR_DIR=/app/var

RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 \
      libpangoft2-1.0-0 gettext curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && useradd --system --home /app intranet && mkdir -p /app/var/media && chown -R intranet /app/var
USER intranet

EXPOSE 8000
CMD ["gunicorn", "kaohsiung_admin.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
