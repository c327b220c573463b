"""What one tailored resume costs with Gemini, from the real request.

Runs the Gemini optimizer (real google-genai client, real prompt) over demo resumes
against the fake server, which counts tokens as Gemini roughly does (4 characters a
token) on the request it receives and on its realistic edit-list answer. Prints

    llm fast: n=… tokens_in_per_resume=… tokens_out_per_resume=… usd_per_resume=…
    llm economy: n=… usd_per_resume=…     (the same requests as one Batch Mode job)

at the configured model's prices. ``usd_per_resume`` gives no credit for Gemini's
implicit prefix caching (best effort, not guaranteed); ``usd_with_implicit_cache`` is the
figure when the shared system-instruction-and-job prefix is billed at the cached rate.

    python -m bench.llm [--n 200] [--model gemini-2.5-flash-lite] [--jd PATH]
"""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from demo.people import make_person
from engine.tailor.gemini.client import GeminiConfig, cost_usd, make_gemini_optimizer
from engine.resume import JobDescription
from tests.support.fake_gemini import SAMPLE_JOB_TEXT, SAMPLE_JOB_TITLE, FakeGemini

GOAL_USD_PER_RESUME = 0.0003
GOAL_ECONOMY_USD_PER_RESUME = 0.00015  # Batch Mode: half price


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="demo resumes to tailor")
    parser.add_argument("--model", default="gemini-2.5-flash-lite")
    parser.add_argument("--jd", type=Path, help="a job description text file (default: "
                        "a realistic ~2,800-character posting)")
    args = parser.parse_args(argv)
    job = (JobDescription(title=args.jd.stem, text=args.jd.read_text(encoding="utf-8"))
           if args.jd else JobDescription(title=SAMPLE_JOB_TITLE, text=SAMPLE_JOB_TEXT))
    resumes = [make_person(i).to_resume() for i in range(args.n)]

    with FakeGemini(implicit_cache=True) as fake:
        config = GeminiConfig(api_key="bench", model=args.model, base_url=fake.base_url)
        optimizer = make_gemini_optimizer(config)
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda resume: optimizer(resume, job), resumes))

    n = len(results)
    tokens_in = sum(r.tokens_in for r in results)
    tokens_out = sum(r.tokens_out for r in results)
    uncached = sum(cost_usd(config, r.tokens_in, r.tokens_out) for r in results)
    billed = sum(r.cost_usd for r in results)
    edits = sum(len(r.edits) for r in results)
    print(f"llm fast: n={n} tokens_in_per_resume={tokens_in / n:.0f} "
          f"tokens_out_per_resume={tokens_out / n:.0f} usd_per_resume={uncached / n:.6f} "
          f"usd_with_implicit_cache={billed / n:.6f} edits_per_resume={edits / n:.1f} "
          f"model={config.model} goal_usd={GOAL_USD_PER_RESUME} "
          f"within_goal={uncached / n <= GOAL_USD_PER_RESUME}")
    economy = economy_usd_per_resume(resumes, job, args.model)
    print(f"llm economy: n={n} usd_per_resume={economy:.6f} model={config.model} "
          f"goal_usd={GOAL_ECONOMY_USD_PER_RESUME} "
          f"within_goal={economy <= GOAL_ECONOMY_USD_PER_RESUME}")


def economy_usd_per_resume(resumes: list, job: JobDescription, model: str) -> float:
    """The same resumes as one Gemini Batch Mode job (the fake's), billed as answered."""
    from engine.tailor.gemini import batch_mode

    with FakeGemini() as fake:
        config = GeminiConfig(api_key="bench", model=model, base_url=fake.base_url)
        client = batch_mode.batch_client(config)
        requests = [batch_mode.inlined_request(r, job, config, str(i))[0]
                    for i, r in enumerate(resumes)]
        created = batch_mode.submit(client, config, requests, "bench-llm")
        answers = batch_mode.answers(client, client.batches.get(name=created.name))
        costs = [batch_mode.optimization_from_answer(r, job, config, answers[str(i)]).cost_usd
                 for i, r in enumerate(resumes)]
    return sum(costs) / len(costs)


if __name__ == "__main__":
    main()
