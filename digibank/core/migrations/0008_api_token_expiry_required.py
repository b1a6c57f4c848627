"""Every token has an expiry date now (0006 filled it in): make the column required."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_api_token_expiry_sessions_throttle"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="valid until"),
        ),
    ]
