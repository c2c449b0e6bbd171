--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._migrations (
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: bills; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bills (
    id bigint NOT NULL,
    job_id bigint NOT NULL,
    version integer NOT NULL,
    is_current boolean DEFAULT true NOT NULL,
    source text NOT NULL,
    status text NOT NULL,
    extractor text,
    model_sha256 text,
    prompt_version text,
    reviewer text,
    provider text,
    provider_id text,
    account_number text,
    customer_name text,
    service_address text,
    statement_date text,
    due_date text,
    billing_period_start text,
    billing_period_end text,
    currency text,
    total_amount_due text,
    current_charges text,
    previous_balance text,
    payments text,
    electricity_kwh text,
    gas_therms text,
    gas_usage text,
    gas_usage_unit text,
    water_usage text,
    water_usage_unit text,
    demand_kw text,
    meter_number text,
    rate_plan text,
    confidence double precision,
    data jsonb NOT NULL,
    evidence jsonb DEFAULT '{}'::jsonb NOT NULL,
    checks jsonb DEFAULT '[]'::jsonb NOT NULL,
    issues jsonb DEFAULT '[]'::jsonb NOT NULL,
    tokens_prompt integer DEFAULT 0 NOT NULL,
    tokens_completion integer DEFAULT 0 NOT NULL,
    timings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: bills_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.bills ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.bills_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.documents (
    sha256 text NOT NULL,
    kind text NOT NULL,
    page_count integer NOT NULL,
    pages text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    job_id bigint,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    from_status text,
    to_status text,
    message text,
    data jsonb
);


--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: extraction_cache; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.extraction_cache (
    key text NOT NULL,
    sha256 text NOT NULL,
    result text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jobs (
    id bigint NOT NULL,
    sha256 text NOT NULL,
    original_name text NOT NULL,
    ext text DEFAULT ''::text NOT NULL,
    size bigint NOT NULL,
    archive_path text NOT NULL,
    status text DEFAULT 'PENDING'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    next_attempt_at timestamp with time zone,
    lease_owner text,
    lease_token text,
    lease_expires_at timestamp with time zone,
    extractor text,
    provider text,
    tenant text,
    tenant_key text GENERATED ALWAYS AS (COALESCE(tenant, ''::text)) STORED,
    current_bill_id bigint,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone
);


--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: line_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.line_items (
    bill_id bigint NOT NULL,
    idx integer NOT NULL,
    description text NOT NULL,
    amount text NOT NULL,
    category text NOT NULL,
    quantity text,
    unit text,
    rate text
);


--
-- Name: meters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meters (
    bill_id bigint NOT NULL,
    idx integer NOT NULL,
    number text,
    commodity text,
    prior_read text,
    present_read text,
    multiplier text,
    usage text,
    unit text
);


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    seq bigint NOT NULL,
    bill_id bigint NOT NULL,
    job_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: outbox_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.outbox ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.outbox_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sync_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_state (
    target text NOT NULL,
    watermark bigint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    last_error text
);


--
-- Name: tenant_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenant_state (
    tenant text NOT NULL,
    last_claim_at timestamp with time zone DEFAULT '-infinity'::timestamp with time zone NOT NULL
);


--
-- Data for Name: _migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public._migrations VALUES ('m001_initial', '2026-12-01 07:31:24.509138+00');


--
-- Data for Name: bills; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.bills OVERRIDING SYSTEM VALUE VALUES (1, 1, 1, true, 'machine', 'SUCCEEDED', 'rules', NULL, NULL, NULL, 'Old Power', NULL, 'ACC-OLD', NULL, NULL, NULL, NULL, '2024-01-05', '2024-02-04', NULL, '42.10', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{"meters": [{"unit": "kWh", "usage": "512.5", "number": "M1", "commodity": null, "multiplier": null, "prior_read": "100", "present_read": "612.5"}], "currency": null, "due_date": null, "payments": null, "provider": "Old Power", "demand_kw": null, "gas_usage": null, "rate_plan": null, "gas_therms": null, "line_items": [{"rate": null, "unit": null, "amount": "42.10", "category": "supply", "quantity": null, "description": "Energy"}], "provider_id": null, "water_usage": null, "meter_number": null, "customer_name": null, "account_number": "ACC-OLD", "gas_usage_unit": null, "statement_date": null, "current_charges": null, "electricity_kwh": null, "service_address": null, "previous_balance": null, "total_amount_due": "42.10", "water_usage_unit": null, "billing_period_end": "2024-02-04", "billing_period_start": "2024-01-05"}', '{}', '[]', '[]', 0, 0, '{}', '2026-12-01 07:31:24.741636+00');
INSERT INTO public.bills OVERRIDING SYSTEM VALUE VALUES (2, 2, 1, true, 'machine', 'NEEDS_REVIEW', 'rules', NULL, NULL, NULL, 'Old Power', NULL, 'ACC-OLD', NULL, NULL, NULL, NULL, '2024-01-05', '2024-02-04', NULL, '42.10', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{"meters": [{"unit": "kWh", "usage": "512.5", "number": "M1", "commodity": null, "multiplier": null, "prior_read": "100", "present_read": "612.5"}], "currency": null, "due_date": null, "payments": null, "provider": "Old Power", "demand_kw": null, "gas_usage": null, "rate_plan": null, "gas_therms": null, "line_items": [{"rate": null, "unit": null, "amount": "42.10", "category": "supply", "quantity": null, "description": "Energy"}], "provider_id": null, "water_usage": null, "meter_number": null, "customer_name": null, "account_number": "ACC-OLD", "gas_usage_unit": null, "statement_date": null, "current_charges": null, "electricity_kwh": null, "service_address": null, "previous_balance": null, "total_amount_due": "42.10", "water_usage_unit": null, "billing_period_end": "2024-02-04", "billing_period_start": "2024-01-05"}', '{}', '[]', '["total differs from the line items"]', 0, 0, '{}', '2026-12-01 07:31:24.781584+00');


--
-- Data for Name: documents; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.documents VALUES ('sha256:646f6e652e706466000000000000000000000000000000000000000000000000', 'pdf', 1, '{"pages": []}', '2026-12-01 07:31:24.901546+00');


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (1, 1, '2026-12-01 07:31:24.634385+00', 'created', NULL, 'PENDING', 'received ''done.pdf''', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (2, 1, '2026-12-01 07:31:24.721179+00', 'status', 'PENDING', 'RUNNING', 'claimed by old-worker', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (3, 1, '2026-12-01 07:31:24.747999+00', 'status', 'RUNNING', 'SUCCEEDED', '', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (4, 2, '2026-12-01 07:31:24.760705+00', 'created', NULL, 'PENDING', 'received ''review.pdf''', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (5, 2, '2026-12-01 07:31:24.770371+00', 'status', 'PENDING', 'RUNNING', 'claimed by old-worker', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (6, 2, '2026-12-01 07:31:24.78702+00', 'status', 'RUNNING', 'NEEDS_REVIEW', 'total differs from the line items', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (7, 3, '2026-12-01 07:31:24.797902+00', 'created', NULL, 'PENDING', 'received ''corrupt.pdf''', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (8, 3, '2026-12-01 07:31:24.809719+00', 'status', 'PENDING', 'RUNNING', 'claimed by old-worker', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (9, 3, '2026-12-01 07:31:24.81394+00', 'error', NULL, NULL, 'not a PDF file', '{"attempt": 1, "retryable": false}');
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (10, 3, '2026-12-01 07:31:24.817538+00', 'status', 'RUNNING', 'FAILED', 'not a PDF file', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (11, 4, '2026-12-01 07:31:24.825309+00', 'created', NULL, 'PENDING', 'received ''flaky.pdf''', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (12, 4, '2026-12-01 07:31:24.833133+00', 'status', 'PENDING', 'RUNNING', 'claimed by old-worker', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (13, 4, '2026-12-01 07:31:24.841141+00', 'error', NULL, NULL, 'model hiccup', '{"attempt": 1, "retryable": true}');
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (14, 4, '2026-12-01 07:31:24.841557+00', 'status', 'RUNNING', 'FAILED', 'attempt 1 failed; retry in 0 s', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (15, 5, '2026-12-01 07:31:24.858786+00', 'created', NULL, 'PENDING', 'received ''crashed.pdf''', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (16, 5, '2026-12-01 07:31:24.876269+00', 'status', 'PENDING', 'RUNNING', 'claimed by dead-worker', NULL);
INSERT INTO public.events OVERRIDING SYSTEM VALUE VALUES (17, 6, '2026-12-01 07:31:24.887782+00', 'created', NULL, 'PENDING', 'received ''pending.pdf''', NULL);


--
-- Data for Name: extraction_cache; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.extraction_cache VALUES ('rules:old', 'sha256:646f6e652e706466000000000000000000000000000000000000000000000000', '{"bill":{"provider":"Old Power","provider_id":null,"account_number":"ACC-OLD","customer_name":null,"service_address":null,"statement_date":null,"due_date":null,"billing_period_start":"2024-01-05","billing_period_end":"2024-02-04","currency":null,"total_amount_due":"42.10","current_charges":null,"previous_balance":null,"payments":null,"electricity_kwh":null,"gas_therms":null,"gas_usage":null,"gas_usage_unit":null,"water_usage":null,"water_usage_unit":null,"demand_kw":null,"meter_number":null,"rate_plan":null,"meters":[{"number":"M1","commodity":null,"prior_read":"100","present_read":"612.5","multiplier":null,"usage":"512.5","unit":"kWh"}],"line_items":[{"description":"Energy","amount":"42.10","category":"supply","quantity":null,"unit":null,"rate":null}]},"evidence":{},"checks":[],"status":"SUCCEEDED","issues":[],"extractor":"rules","model_sha256":null,"prompt_version":null,"tokens_prompt":0,"tokens_completion":0,"timings":{}}', '2026-12-01 07:31:24.888753+00');


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (1, 'sha256:646f6e652e706466000000000000000000000000000000000000000000000000', 'done.pdf', 'pdf', 10, '/archive/done.pdf', 'SUCCEEDED', 1, 5, NULL, NULL, NULL, NULL, 'rules', 'Old Power', 'acme', DEFAULT, 1, NULL, '2026-12-01 07:31:24.629311+00', '2026-12-01 07:31:24.741636+00', '2026-12-01 07:31:24.741636+00');
INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (2, 'sha256:7265766965772e70646600000000000000000000000000000000000000000000', 'review.pdf', 'pdf', 10, '/archive/review.pdf', 'NEEDS_REVIEW', 1, 5, NULL, NULL, NULL, NULL, 'rules', 'Old Power', 'acme', DEFAULT, 2, 'total differs from the line items', '2026-12-01 07:31:24.756856+00', '2026-12-01 07:31:24.781584+00', '2026-12-01 07:31:24.781584+00');
INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (3, 'sha256:636f727275707400000000000000000000000000000000000000000000000000', 'corrupt.pdf', 'pdf', 10, '/archive/corrupt.pdf', 'FAILED', 1, 5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT, NULL, 'not a PDF file', '2026-12-01 07:31:24.797488+00', '2026-12-01 07:31:24.813501+00', NULL);
INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (4, 'sha256:666c616b79000000000000000000000000000000000000000000000000000000', 'flaky.pdf', 'pdf', 10, '/archive/flaky.pdf', 'FAILED', 1, 5, '2026-12-01 07:31:24.841714+00', NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT, NULL, 'model hiccup', '2026-12-01 07:31:24.824785+00', '2026-12-01 07:31:24.840714+00', NULL);
INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (5, 'sha256:6372617368656400000000000000000000000000000000000000000000000000', 'crashed.pdf', 'pdf', 10, '/archive/crashed.pdf', 'RUNNING', 1, 5, NULL, 'dead-worker', '4b45034c9e6f42848f4811da98d84427', '2026-12-01 07:31:24.878861+00', NULL, NULL, 'night-shift', DEFAULT, NULL, NULL, '2026-12-01 07:31:24.853349+00', '2026-12-01 07:31:24.868861+00', NULL);
INSERT INTO public.jobs OVERRIDING SYSTEM VALUE VALUES (6, 'sha256:70656e64696e6700000000000000000000000000000000000000000000000000', 'pending.pdf', 'pdf', 10, '/archive/pending.pdf', 'PENDING', 0, 5, NULL, NULL, NULL, NULL, NULL, NULL, 'acme', DEFAULT, NULL, NULL, '2026-12-01 07:31:24.887364+00', '2026-12-01 07:31:24.887364+00', NULL);


--
-- Data for Name: line_items; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.line_items VALUES (1, 0, 'Energy', '42.10', 'supply', NULL, NULL, NULL);
INSERT INTO public.line_items VALUES (2, 0, 'Energy', '42.10', 'supply', NULL, NULL, NULL);


--
-- Data for Name: meters; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.meters VALUES (1, 0, 'M1', NULL, '100', '612.5', NULL, '512.5', 'kWh');
INSERT INTO public.meters VALUES (2, 0, 'M1', NULL, '100', '612.5', NULL, '512.5', 'kWh');


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.outbox OVERRIDING SYSTEM VALUE VALUES (1, 1, 1, '2026-12-01 07:31:24.741636+00');
INSERT INTO public.outbox OVERRIDING SYSTEM VALUE VALUES (2, 2, 2, '2026-12-01 07:31:24.781584+00');


--
-- Data for Name: sync_state; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sync_state VALUES ('postgres', 1, '2026-12-01 07:31:24.902194+00', NULL);


--
-- Data for Name: tenant_state; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.tenant_state VALUES ('acme', '2026-12-01 07:31:24.770367+00');
INSERT INTO public.tenant_state VALUES ('', '2026-12-01 07:31:24.833129+00');
INSERT INTO public.tenant_state VALUES ('night-shift', '2026-12-01 07:31:24.876264+00');


--
-- Name: bills_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.bills_id_seq', 2, true);


--
-- Name: events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.events_id_seq', 17, true);


--
-- Name: jobs_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.jobs_id_seq', 6, true);


--
-- Name: outbox_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.outbox_seq_seq', 2, true);


--
-- Name: _migrations _migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._migrations
    ADD CONSTRAINT _migrations_pkey PRIMARY KEY (name);


--
-- Name: bills bills_job_id_version_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bills
    ADD CONSTRAINT bills_job_id_version_key UNIQUE (job_id, version);


--
-- Name: bills bills_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bills
    ADD CONSTRAINT bills_pkey PRIMARY KEY (id);


--
-- Name: documents documents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (sha256);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: extraction_cache extraction_cache_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.extraction_cache
    ADD CONSTRAINT extraction_cache_pkey PRIMARY KEY (key);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);


--
-- Name: jobs jobs_sha256_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_sha256_key UNIQUE (sha256);


--
-- Name: line_items line_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.line_items
    ADD CONSTRAINT line_items_pkey PRIMARY KEY (bill_id, idx);


--
-- Name: meters meters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meters
    ADD CONSTRAINT meters_pkey PRIMARY KEY (bill_id, idx);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (seq);


--
-- Name: sync_state sync_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_state
    ADD CONSTRAINT sync_state_pkey PRIMARY KEY (target);


--
-- Name: tenant_state tenant_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenant_state
    ADD CONSTRAINT tenant_state_pkey PRIMARY KEY (tenant);


--
-- Name: bills_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bills_account ON public.bills USING btree (provider_id, account_number, billing_period_start);


--
-- Name: bills_one_current; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX bills_one_current ON public.bills USING btree (job_id) WHERE is_current;


--
-- Name: events_job; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_job ON public.events USING btree (job_id, id);


--
-- Name: extraction_cache_sha; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX extraction_cache_sha ON public.extraction_cache USING btree (sha256);


--
-- Name: jobs_claim; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_claim ON public.jobs USING btree (tenant_key, id) WHERE (status = ANY (ARRAY['PENDING'::text, 'FAILED'::text, 'RUNNING'::text]));


--
-- Name: jobs_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_status ON public.jobs USING btree (status, id);


--
-- Name: bills bills_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bills
    ADD CONSTRAINT bills_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.jobs(id);


--
-- Name: events events_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.jobs(id);


--
-- Name: line_items line_items_bill_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.line_items
    ADD CONSTRAINT line_items_bill_id_fkey FOREIGN KEY (bill_id) REFERENCES public.bills(id);


--
-- Name: meters meters_bill_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meters
    ADD CONSTRAINT meters_bill_id_fkey FOREIGN KEY (bill_id) REFERENCES public.bills(id);


--
-- Name: outbox outbox_bill_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_bill_id_fkey FOREIGN KEY (bill_id) REFERENCES public.bills(id);


--
-- Name: outbox outbox_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.jobs(id);


--
-- PostgreSQL database dump complete
--


