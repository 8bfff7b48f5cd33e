"""python manage.py bench_prefix_cache --endpoint URL --model NAME [--profile P] [--json]: the hit
rate of a real vLLM server's automatic prefix cache over multi-turn conversations rendered by a
model profile (inference/jobs/bench/prefix_cache.py; a benchmark, not a test)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inference.jobs.bench.prefix_cache import PrefixCacheBenchError, measure


class Command(BaseCommand):
    help = "Measure a vLLM server's prefix-cache hit rate over multi-turn conversations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--endpoint", required=True, help="base URL, e.g. http://gpu1:8000/v1")
        parser.add_argument("--model", required=True, help="served model name")
        parser.add_argument("--profile", default="json-schema", help="model profile key")
        parser.add_argument("--sessions", type=int, default=3)
        parser.add_argument("--turns", type=int, default=6, help="turns per session")
        parser.add_argument("--json", action="store_true", help="one JSON object as the last line")

    def handle(self, *args: Any, **opts: Any) -> None:
        if not 1 <= opts["sessions"] <= 64 or not 1 <= opts["turns"] <= 20:
            raise CommandError("--sessions must be 1-64 and --turns 1-20.")
        try:
            result = measure(
                opts["endpoint"],
                opts["model"],
                profile_key=opts["profile"],
                sessions=opts["sessions"],
                turns=opts["turns"],
                api_key=settings.VLLM_API_KEY,
            )
        except KeyError as exc:  # an unknown profile
            raise CommandError(str(exc.args[0])) from None
        except (PrefixCacheBenchError, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from None
        rate = result["prefix_cache_hit_rate"]
        self.stdout.write(
            f"profile {result['profile']}: {result['sessions']} sessions x {result['turns']} turns "
            f"({result['requests']} requests): {result['prefix_cache_hits']} of "
            f"{result['prompt_tokens_looked_up']} prompt tokens from the prefix cache, hit rate "
            f"{'n/a' if rate is None else f'{rate:.3f}'}"
        )
        if opts["json"]:
            self.stdout.write(json.dumps(result))
