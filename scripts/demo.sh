#!/usr/bin/env bash
# The demo: starts the sandbox PartnerTap server, provisions the real Steampipe stack with this
# checkout's plugin, and runs a handful of telling queries through `steampipe query`, including a
# join with a CRM export loaded from demo/crm_accounts.csv. It stops everything it started.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/steampipe-env.sh"
port=${PARTNERTAP_DEMO_PORT:-8787}
export PARTNERTAP_BASE_URL=http://127.0.0.1:$port

. "$here/lib.sh"

"$here/steampipe-stack.sh"

start_sandbox_and_service "$port"

query() {
  printf '\n'
  say "$1"
  "$here/steampipe" query "$2"
}

query "Reps who leave partner requests unanswered" "
select rep_name, division, pending_received_requests
from partnertap_rep_partnership_stat
where pending_received_requests > 0
order by pending_received_requests desc, rep_name
limit 10"

query "Opportunities shared, by partner org" "
select partner_org, opps_shared_outbound as shared_out, opps_shared_inbound as shared_in,
  round(amount_outbound) as amount_out, round(amount_inbound) as amount_in
from partnertap_opportunity_share_summary
order by amount_outbound + amount_inbound desc
limit 10"

query "Matched accounts by partner org" "
select partner_org, count(*) as matched_accounts, count(*) filter (where owner_name is null) as without_owner
from partnertap_sale_account
where matched
group by partner_org
order by matched_accounts desc
limit 10"

query "A join across two tables: reps who chat with partners but leave requests waiting" "
select s.rep_name, s.pending_received_requests, count(*) as partners_chatting, sum(c.chat_count) as chats
from partnertap_rep_partnership_stat s
join partnertap_chat_exchange c on c.rep_id = s.rep_id
where s.pending_received_requests > 0
group by s.rep_name, s.pending_received_requests
order by s.pending_received_requests desc, chats desc
limit 10"

query "Report Analytics v1: the largest customer accounts partners also have (the Global Overlap List)" "
select account_name, partner_org_name, round(annual_revenue) as annual_revenue, custom_tier as tier
from partnertap_global_overlap_account
where account_type = 'Customer' and annual_revenue >= 500000
order by annual_revenue desc
limit 10"

query "Your org's own columns: the custom CRM fields /columns reported became typed columns" "
select column_name, data_type
from information_schema.columns
where table_schema = 'partnertap' and table_name = 'partnertap_global_overlap_account'
  and column_name like 'custom%'
order by column_name"

say "Loading the CRM export demo/crm_accounts.csv into the table public.crm_account"
# Steampipe's own user may not create tables; its database's root role may, from this host.
psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 9193 -U root -d steampipe <<SQL
set client_min_messages = warning;
drop table if exists public.crm_account;
create table public.crm_account (
  crm_account_id text primary key, account_name text, annual_recurring_revenue numeric,
  renewal_date date, customer_success_manager text, tier text);
\copy public.crm_account from '$repo/demo/crm_accounts.csv' with (format csv, header true)
grant select on public.crm_account to steampipe;
SQL

query "A join with the CRM: renewals and the partners who know each account" "
select c.account_name, c.annual_recurring_revenue as arr, c.renewal_date, c.customer_success_manager as csm,
  count(s.partner_org) as partners, coalesce(string_agg(s.partner_org, ', ' order by s.partner_org), '-') as partner_orgs
from public.crm_account c
left join partnertap_sale_account s on s.crm_account_id = c.crm_account_id and s.matched
group by c.account_name, c.annual_recurring_revenue, c.renewal_date, c.customer_success_manager
order by arr desc"

say "done: the sandbox and the Steampipe service stop now"
