"""Word lists the demo people are drawn from.

Plain tuples so that drawing from them is a single ``rng.choice``: generating 100,000
people must take seconds, which rules out per-person setup such as seeding Faker.
Companies, schools and people are invented or generic; e-mail domains are reserved
example domains so no demo address can belong to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella",
    "Lucas", "Mia", "Mateo", "Charlotte", "Benjamin", "Amelia", "Ethan", "Harper",
    "Daniel", "Evelyn", "Henry", "Priya", "Arjun", "Ananya", "Rahul", "Aisha", "Omar",
    "Fatima", "Yusuf", "Mei", "Wei", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Chloé",
    "José", "María", "Sofía", "Diego", "Camila", "Zoë", "Björn", "Ingrid", "Lars",
    "Kwame", "Amara", "Chidi", "Ngozi", "Thabo", "Lerato", "Grace", "Samuel", "Hannah",
    "David", "Rachel", "Michael", "Sarah", "Christopher", "Jessica", "Matthew", "Emily",
    "Andrew", "Lauren", "Joshua", "Megan", "Ryan", "Nicole", "Kevin", "Stephanie",
    "Brian", "Elena", "Marco", "Giulia", "Luca", "Anna", "Pierre", "Camille", "Nadia",
    "Sven", "Katarzyna", "Tomasz", "Dmitri", "Olga", "Ahmed", "Layla", "Ravi", "Deepa",
)

LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
    "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
    "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green",
    "Patel", "Sharma", "Gupta", "Singh", "Iyer", "Chen", "Wang", "Zhang", "Liu",
    "Tanaka", "Sato", "Kim", "Park", "Okafor", "Mensah", "Adeyemi", "Dlamini",
    "Müller", "Schmidt", "Fischer", "Rossi", "Bianchi", "Dubois", "Lefèvre", "Novak",
    "Kowalski", "Ivanova", "Petrov", "Johansson", "Lindqvist", "O'Brien", "Murphy",
    "MacDonald", "Silva", "Santos", "Costa", "Haddad", "Khan", "Rahman", "Cohen",
    "Levy", "Van der Berg", "de Vries", "García-López", "Fernández", "Nakamura",
)

EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")

# (city, region): region is a US state code or a country, as people write it.
CITIES = (
    ("New York", "NY"), ("San Francisco", "CA"), ("Austin", "TX"), ("Seattle", "WA"),
    ("Chicago", "IL"), ("Boston", "MA"), ("Denver", "CO"), ("Atlanta", "GA"),
    ("Los Angeles", "CA"), ("San Diego", "CA"), ("Portland", "OR"), ("Raleigh", "NC"),
    ("Minneapolis", "MN"), ("Philadelphia", "PA"), ("Pittsburgh", "PA"),
    ("Salt Lake City", "UT"), ("Phoenix", "AZ"), ("Miami", "FL"), ("Nashville", "TN"),
    ("Columbus", "OH"), ("Toronto", "Canada"), ("Vancouver", "Canada"),
    ("London", "United Kingdom"), ("Manchester", "United Kingdom"),
    ("Dublin", "Ireland"), ("Berlin", "Germany"), ("Munich", "Germany"),
    ("Amsterdam", "Netherlands"), ("Paris", "France"), ("Madrid", "Spain"),
    ("Barcelona", "Spain"), ("Stockholm", "Sweden"), ("Warsaw", "Poland"),
    ("Bangalore", "India"), ("Hyderabad", "India"), ("Pune", "India"),
    ("Singapore", "Singapore"), ("Sydney", "Australia"), ("Melbourne", "Australia"),
    ("Cape Town", "South Africa"), ("Lagos", "Nigeria"), ("Nairobi", "Kenya"),
    ("Tokyo", "Japan"), ("São Paulo", "Brazil"), ("Mexico City", "Mexico"),
)

COMPANY_PREFIXES = (
    "Northwind", "Contoso", "Globex", "Initech", "Brightline", "Bluepeak", "Redwood",
    "Ironclad", "Silverline", "Crescent", "Summit", "Harbor", "Evergreen", "Lumen",
    "Vertex", "Pinnacle", "Cobalt", "Meridian", "Orchid", "Keystone", "Aurora",
    "Granite", "Skyward", "Tidewater", "Quantum", "Helix", "Beacon", "Falcon",
    "Sterling", "Atlas", "Nimbus", "Polaris", "Cascade", "Juniper", "Sequoia",
)
COMPANY_SUFFIXES = (
    "Analytics", "Health", "Logistics", "Software", "Systems", "Labs", "Financial",
    "Retail", "Media", "Energy", "Technologies", "Partners", "Insurance", "Foods",
    "Robotics", "Bank", "Networks", "Consulting", "Pharma", "Mobility",
)
COMPANY_FORMS = ("", "", "", " Inc.", " LLC", " Ltd", " Group", " Corp.", " GmbH", " Co.")

UNIVERSITIES = (
    "University of Michigan", "University of Texas at Austin", "Georgia Institute of Technology",
    "University of Washington", "Boston University", "Purdue University",
    "University of California, Berkeley", "University of Toronto", "McGill University",
    "Imperial College London", "University of Manchester", "Trinity College Dublin",
    "Technical University of Munich", "University of Amsterdam", "Sorbonne University",
    "Universidad Complutense de Madrid", "KTH Royal Institute of Technology",
    "Indian Institute of Technology Bombay", "National University of Singapore",
    "University of Sydney", "University of Cape Town", "University of Lagos",
    "Arizona State University", "Ohio State University", "Northeastern University",
    "Carnegie Mellon University", "New York University", "Rutgers University",
    "University of Illinois Urbana-Champaign", "Pennsylvania State University",
)

# (degree as written, level): level orders degrees so a master follows a bachelor.
BACHELOR_DEGREES = ("Bachelor of Science", "B.S.", "BSc", "Bachelor of Arts", "B.A.")
MASTER_DEGREES = ("Master of Science", "M.S.", "MSc", "MBA", "Master of Arts")
# Degrees that only fit some careers.
ENGINEERING_DEGREES = ("B.Tech", "Bachelor of Engineering", "M.Eng.")
BUSINESS_DEGREES = ("Bachelor of Commerce", "BBA")
DOCTORATE_DEGREES = ("Ph.D.", "PhD")

GRADES = (
    "GPA: 3.8/4.0", "GPA 3.6", "GPA: 3.52", "Magna Cum Laude", "Cum Laude",
    "First Class Honours", "Upper Second Class Honours (2:1)", "Distinction",
    "CGPA 8.7/10", "With Honors",
)

ACTION_VERBS = (
    "Led", "Built", "Designed", "Launched", "Delivered", "Owned", "Drove", "Implemented",
    "Automated", "Streamlined", "Spearheaded", "Developed", "Optimized", "Managed",
    "Negotiated", "Created", "Established", "Scaled", "Redesigned", "Migrated",
    "Introduced", "Coordinated", "Mentored", "Partnered with stakeholders to ship",
)

LANGUAGES = (
    "English (native)", "Spanish (fluent)", "French (professional working proficiency)",
    "German (B2)", "Mandarin (conversational)", "Hindi (native)", "Portuguese (fluent)",
    "Japanese (JLPT N2)", "Arabic (native)", "Italian (intermediate)", "Polish (native)",
    "Korean (basic)", "Dutch (C1)", "Swahili (fluent)",
)

AWARDS = (
    "President's Club {year} (top {pct}% of sales team)",
    "Employee of the Quarter, Q{quarter} {year}",
    "Dean's List, {year}",
    "Hackathon winner, {year} internal innovation week",
    "{year} Excellence Award for customer impact",
    "Spot award for leading the {year} platform migration",
)

CERTIFICATIONS = (
    "AWS Certified Solutions Architect – Associate", "Google Professional Data Engineer",
    "Certified Kubernetes Administrator (CKA)", "PMP – Project Management Professional",
    "Certified ScrumMaster (CSM)", "CFA Level II Candidate", "Google Analytics Certification",
    "HubSpot Inbound Marketing Certification", "Microsoft Certified: Azure Fundamentals",
    "Salesforce Certified Administrator", "Six Sigma Green Belt", "CPA (Certified Public Accountant)",
    "SHRM Certified Professional (SHRM-CP)", "Tableau Desktop Specialist",
    "Certified Information Systems Security Professional (CISSP)",
)

# Canonical skill -> spellings people actually use; a demo person sometimes writes one.
SKILL_VARIANTS = {
    "JavaScript": ("JS",),
    "TypeScript": ("TS",),
    "PostgreSQL": ("Postgres",),
    "Kubernetes": ("k8s", "K8s"),
    "Node.js": ("NodeJS", "Node"),
    "React": ("React.js", "ReactJS"),
    "Amazon Web Services": ("AWS",),
    "Google Cloud Platform": ("GCP",),
    "Machine Learning": ("ML",),
    "Microsoft Excel": ("Excel", "MS Excel"),
    "Continuous Integration": ("CI/CD",),
    "Search Engine Optimization": ("SEO",),
    "Customer Relationship Management": ("CRM",),
    "Python": ("Python 3",),
    "Golang": ("Go",),
}

GENERAL_SKILLS = (
    "Project Management", "Stakeholder Management", "Agile", "Scrum", "Jira",
    "Confluence", "Microsoft Excel", "Public Speaking", "Team Leadership",
    "Cross-functional Collaboration", "Budgeting", "Vendor Management", "SQL",
)


@dataclass(frozen=True)
class Track:
    """A career family: titles people hold in it, their skills, and bullet material."""

    name: str
    titles: tuple[str, ...]
    skills: tuple[str, ...]
    things: tuple[str, ...]  # what one builds or runs: "a payments API"
    metrics: tuple[str, ...]  # what moves: "p95 latency"
    money_things: tuple[str, ...]  # what costs or earns: "annual cloud spend"
    teams: tuple[str, ...]  # who one works with or leads


TRACKS = (
    Track(
        "software",
        ("Software Engineer", "Senior Software Engineer", "Backend Engineer",
         "Full Stack Developer", "Frontend Engineer", "Staff Engineer",
         "Engineering Manager", "Software Developer"),
        ("Python", "JavaScript", "TypeScript", "React", "Node.js", "Golang", "Java",
         "PostgreSQL", "Redis", "Docker", "Kubernetes", "Amazon Web Services",
         "GraphQL", "REST APIs", "Django", "FastAPI", "Continuous Integration", "Git",
         "Terraform", "Kafka", "Microservices", "C#", "Rust"),
        ("a payments API", "the checkout service", "an event-driven order pipeline",
         "the mobile onboarding flow", "a feature-flag platform", "the search backend",
         "an internal design system", "the billing microservice", "a GraphQL gateway"),
        ("p95 latency", "page load time", "error rate", "build time", "deployment time",
         "on-call incidents", "infrastructure cost"),
        ("annual cloud spend", "licensing costs", "yearly infrastructure costs"),
        ("engineers", "developers", "product and design partners"),
    ),
    Track(
        "data",
        ("Data Analyst", "Senior Data Analyst", "Data Scientist", "Data Engineer",
         "Analytics Engineer", "Machine Learning Engineer", "BI Developer",
         "Lead Data Scientist"),
        ("Python", "SQL", "pandas", "Machine Learning", "scikit-learn", "TensorFlow",
         "PyTorch", "Apache Spark", "Airflow", "dbt", "Snowflake", "BigQuery", "Tableau",
         "Power BI", "Looker", "Statistics", "A/B Testing", "PostgreSQL",
         "Google Cloud Platform", "Databricks", "R"),
        ("a churn prediction model", "the revenue dashboard", "a dbt transformation layer",
         "an A/B testing framework", "the customer 360 data model", "a demand forecast",
         "the ETL pipelines", "a recommendation engine", "a fraud detection model"),
        ("forecast error", "report turnaround time", "query cost", "churn",
         "data freshness lag", "manual reporting effort"),
        ("warehouse costs", "annual fraud losses", "data vendor spend"),
        ("analysts", "data engineers", "business stakeholders"),
    ),
    Track(
        "devops",
        ("DevOps Engineer", "Site Reliability Engineer", "Platform Engineer",
         "Cloud Engineer", "Senior SRE", "Infrastructure Engineer"),
        ("Kubernetes", "Docker", "Terraform", "Amazon Web Services", "Google Cloud Platform",
         "Azure", "Linux", "Ansible", "Prometheus", "Grafana", "Continuous Integration",
         "GitHub Actions", "Jenkins", "Bash", "Python", "Helm", "Datadog", "Golang"),
        ("the Kubernetes platform", "a zero-downtime deployment pipeline",
         "the observability stack", "multi-region failover", "the CI/CD pipelines",
         "infrastructure as code for 40 services"),
        ("mean time to recovery", "deployment time", "alert noise", "cloud spend",
         "provisioning time"),
        ("annual AWS spend", "compute costs", "licensing costs"),
        ("engineers", "SREs", "platform engineers"),
    ),
    Track(
        "product",
        ("Product Manager", "Senior Product Manager", "Product Owner",
         "Group Product Manager", "Associate Product Manager", "Technical Program Manager"),
        ("Product Strategy", "Roadmapping", "User Research", "A/B Testing", "SQL", "Jira",
         "Amplitude", "Figma", "Agile", "Scrum", "Stakeholder Management",
         "Go-to-Market Strategy", "OKRs", "Data Analysis", "Mixpanel"),
        ("the self-serve onboarding product", "a B2B analytics suite",
         "the subscription pricing model", "a mobile wallet feature",
         "the partner integrations marketplace", "the product roadmap"),
        ("onboarding drop-off", "time to value", "churn", "support tickets",
         "bug backlog"),
        ("support costs", "vendor spend", "churned revenue"),
        ("engineers", "designers", "cross-functional partners"),
    ),
    Track(
        "marketing",
        ("Marketing Manager", "Digital Marketing Specialist", "Content Strategist",
         "Growth Marketer", "Brand Manager", "Marketing Coordinator",
         "Head of Demand Generation"),
        ("Search Engine Optimization", "Google Ads", "Google Analytics", "HubSpot",
         "Marketo", "Content Marketing", "Email Marketing", "Social Media Marketing",
         "Copywriting", "Customer Relationship Management", "Salesforce",
         "Marketing Automation", "Canva", "A/B Testing", "Budgeting"),
        ("a paid social campaign", "the product launch campaign", "the email nurture program",
         "the company blog", "a partner co-marketing program", "the brand refresh"),
        ("cost per acquisition", "bounce rate", "cost per lead", "unsubscribe rate",
         "campaign setup time"),
        ("agency fees", "ad spend", "marketing tool costs"),
        ("marketers", "designers", "agency partners"),
    ),
    Track(
        "sales",
        ("Account Executive", "Senior Account Executive", "Sales Development Representative",
         "Account Manager", "Regional Sales Manager", "Customer Success Manager",
         "Business Development Manager"),
        ("Salesforce", "Customer Relationship Management", "Negotiation",
         "Consultative Selling", "Pipeline Management", "Account Management", "HubSpot",
         "Forecasting", "Cold Calling", "LinkedIn Sales Navigator", "Contract Negotiation",
         "Microsoft Excel"),
        ("a new enterprise territory", "the mid-market book of business",
         "a channel partner program", "the renewal playbook", "strategic accounts in EMEA"),
        ("sales cycle length", "churn", "discounting", "time to first meeting", "ramp time"),
        ("travel costs", "discounting", "sales tooling spend"),
        ("account executives", "SDRs", "solutions engineers"),
    ),
    Track(
        "finance",
        ("Financial Analyst", "Senior Financial Analyst", "Accountant", "FP&A Manager",
         "Controller", "Investment Analyst", "Senior Accountant"),
        ("Financial Modeling", "Microsoft Excel", "Forecasting", "Budgeting", "SAP",
         "Oracle NetSuite", "GAAP", "Variance Analysis", "Power BI", "SQL",
         "Accounts Payable", "Month-End Close", "Valuation", "QuickBooks", "Audit"),
        ("the annual operating plan", "the month-end close process", "a 3-statement model",
         "the capital allocation framework", "the revenue recognition process",
         "a vendor payment workflow"),
        ("close time", "forecast variance", "days sales outstanding", "audit findings",
         "manual journal entries"),
        ("operating expenses", "working capital", "vendor spend"),
        ("analysts", "accountants", "business partners"),
    ),
    Track(
        "design",
        ("UX Designer", "Product Designer", "Senior Product Designer", "UI Designer",
         "UX Researcher", "Design Lead"),
        ("Figma", "Sketch", "Adobe Creative Suite", "Prototyping", "User Research",
         "Usability Testing", "Design Systems", "Wireframing", "Accessibility", "HTML",
         "CSS", "Interaction Design", "Information Architecture"),
        ("the mobile app redesign", "a component library", "the onboarding experience",
         "a usability testing program", "the checkout flow"),
        ("task completion time", "drop-off rate", "support contacts", "design debt"),
        ("development costs", "research budget", "agency fees"),
        ("designers", "researchers", "engineers"),
    ),
    Track(
        "operations",
        ("Operations Manager", "Supply Chain Analyst", "Logistics Coordinator",
         "Project Manager", "Business Operations Analyst", "Program Manager"),
        ("Supply Chain Management", "Lean Six Sigma", "Process Improvement", "SAP",
         "Microsoft Excel", "Inventory Management", "Vendor Management",
         "Project Management", "Tableau", "SQL", "Logistics", "Procurement", "Asana"),
        ("the regional distribution network", "a warehouse management rollout",
         "the vendor onboarding process", "the S&OP process", "a new fulfillment center"),
        ("order cycle time", "stockouts", "shipping costs", "on-time delivery",
         "inventory carrying cost"),
        ("procurement costs", "freight spend", "annual operating costs"),
        ("coordinators", "warehouse staff", "vendors"),
    ),
    Track(
        "hr",
        ("HR Generalist", "Talent Acquisition Specialist", "Recruiter",
         "HR Business Partner", "People Operations Manager", "Technical Recruiter"),
        ("Recruiting", "Workday", "Greenhouse", "Employee Relations", "Onboarding",
         "Compensation & Benefits", "HRIS", "Performance Management", "Sourcing",
         "LinkedIn Recruiter", "Talent Development", "Labor Law Compliance"),
        ("the campus hiring program", "a structured interview process",
         "the onboarding program", "the annual engagement survey", "a new HRIS"),
        ("time to hire", "regretted attrition", "offer decline rate", "cost per hire"),
        ("recruiting agency fees", "benefits costs", "training budget"),
        ("recruiters", "hiring managers", "HR partners"),
    ),
)

BULLET_TEMPLATES = (
    "{verb} {thing} using {tool}, reducing {metric} by {pct}%",
    "{verb} {thing} with {tool} and {tool2}, serving {count} users",
    "Cut {metric} by {pct}% by reworking {thing} in {tool}",
    "Saved ${money} in {money_thing} by consolidating tooling onto {tool}",
    "{lead_verb} a team of {small} {team} to deliver {thing} {timeframe}",
    "Delivered {thing} that generated ${money} in new annual revenue",
    "{verb} {thing}, which brought {metric} down from {after} to {before}",
    "Mentored {small} {team}; {small2} were promoted within {months} months",
    "Presented quarterly results on {thing} to the executive team and {count} staff",
    "{verb} {count}+ automated checks in {tool}, catching {pct}% of issues before release",
    "Managed a ${money} budget for {thing} across {small} regions",
    "Reduced {metric} {pct}% in {months} months by introducing {tool}",
)

LEAD_VERBS = ("Led", "Managed", "Directed", "Coached", "Headed")

TIMEFRAMES = (
    "two weeks ahead of schedule", "in one quarter", "within 6 months",
    "on time and under budget", "ahead of the Q3 deadline",
)

SUMMARY_TEMPLATES = (
    "{title} with {years}+ years of experience in {area}. Known for {strength} and a "
    "track record of measurable results with {tool} and {tool2}.",
    "Results-driven {title} who has spent {years} years building {area}. "
    "Comfortable owning work end to end, from discovery to delivery.",
    "{years} years as a {title} across startups and enterprises. Focused on "
    "{strength}; hands-on with {tool}, {tool2} and {tool3}.",
)
STRENGTHS = (
    "clear communication", "data-informed decisions", "turning ambiguity into plans",
    "building high-trust teams", "shipping quickly without breaking things",
    "customer obsession", "operational excellence",
)
