"""Demo job descriptions: realistic postings for the demo world's career tracks, used by
seeding, the benchmarks and tests. Companies are invented."""

from __future__ import annotations

from engine.resume import JobDescription

JOB_DESCRIPTIONS: list[JobDescription] = [
    JobDescription(
        title="Senior Backend Engineer",
        text="""Brightwave Payments is hiring a Senior Backend Engineer to build the services
that move money for 2,000 merchants.

What you will do
- Design, build and operate Python and Go microservices behind our payments API
- Own PostgreSQL data models and Redis caching for high-throughput transaction paths
- Run services on Kubernetes and Docker in AWS, with Terraform for infrastructure
- Improve p95 latency, error rates and on-call health through observability and testing
- Review code, mentor engineers and partner with product and design on the roadmap

What you bring
- 5+ years building backend systems in Python, Go or Java
- Production experience with PostgreSQL, Redis and event streaming with Kafka
- Strong grasp of REST APIs, distributed systems and CI/CD
- Experience with AWS, Docker and Kubernetes in production
- Clear written communication and ownership of services end to end""",
    ),
    JobDescription(
        title="Analytics Engineer",
        text="""Lumenfield is looking for an Analytics Engineer to own our modern data stack.

Responsibilities
- Build and maintain dbt models on Snowflake that power revenue, churn and product
  dashboards
- Orchestrate ELT pipelines with Airflow and keep data freshness and data quality high
- Partner with analysts and business stakeholders to define metrics and a reliable
  semantic layer
- Create self-serve dashboards in Looker or Tableau
- Run A/B testing analysis and statistical deep dives with SQL and Python

Requirements
- 3+ years in analytics engineering, data engineering or data analysis
- Expert SQL and solid Python (pandas)
- Hands-on dbt, Snowflake or BigQuery, and Airflow
- Experience with data modeling, testing and documentation
- Familiarity with statistics and experimentation""",
    ),
    JobDescription(
        title="Site Reliability Engineer",
        text="""Northpeak Cloud needs a Site Reliability Engineer to keep our platform fast and
available.

You will
- Operate Kubernetes clusters on AWS and Google Cloud Platform with Terraform and Helm
- Build CI/CD pipelines in GitHub Actions and Jenkins for zero-downtime deployments
- Own the observability stack: Prometheus, Grafana and Datadog alerting
- Reduce mean time to recovery, alert noise and cloud spend
- Automate toil with Python and Bash on Linux

You have
- 4+ years in SRE, DevOps or platform engineering
- Deep Kubernetes, Docker and Linux knowledge
- Infrastructure as code with Terraform or Ansible
- Incident response experience and a calm on-call manner""",
    ),
    JobDescription(
        title="Product Manager",
        text="""Cobaltline is hiring a Product Manager for our self-serve onboarding and growth
area.

In this role you will
- Own the product roadmap for onboarding, activation and retention
- Run user research and A/B testing to reduce onboarding drop-off and churn
- Write clear requirements and work in Agile/Scrum with engineers and designers
- Define OKRs and track product metrics with SQL, Amplitude or Mixpanel
- Align stakeholders across sales, marketing and support on go-to-market plans

We are looking for
- 3+ years of product management experience in B2B SaaS
- Strong data analysis skills, comfortable writing SQL
- Experience with Jira and Figma
- Excellent stakeholder management and communication""",
    ),
    JobDescription(
        title="Digital Marketing Manager",
        text="""Harborlight Retail seeks a Digital Marketing Manager to grow our online
channels.

Responsibilities
- Plan and run paid search, paid social and email marketing campaigns
- Own SEO strategy and content marketing to grow organic traffic
- Manage the marketing budget and report on customer acquisition cost and ROI
- Analyse campaign performance in Google Analytics and build dashboards
- Work with the CRM team on lifecycle and retention campaigns in HubSpot

Requirements
- 4+ years in digital marketing with measurable campaign results
- Hands-on with Google Analytics, HubSpot or Salesforce, and SEO tools
- Strong copywriting and A/B testing skills
- Budget management and stakeholder management experience""",
    ),
    JobDescription(
        title="Senior Financial Analyst",
        text="""Meridian Health Group is hiring a Senior Financial Analyst in FP&A.

Key responsibilities
- Lead budgeting, forecasting and monthly variance analysis for operating units
- Build financial models in Excel for business cases, pricing and investments
- Prepare financial reporting and board presentations in PowerPoint
- Partner with department heads on cost reduction and vendor spend
- Automate reporting with SQL and Power BI

Qualifications
- 4+ years in financial planning and analysis, corporate finance or accounting
- Advanced Excel and financial modeling; SQL a plus
- Knowledge of US GAAP and month-end close
- Bachelor's degree in finance or accounting; CPA or CFA a plus
- Clear communication with senior stakeholders""",
    ),
]
