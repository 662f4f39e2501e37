package partnertap

import (
	"testing"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

func TestChatExchangesMatchDatasetAndPushPartnerOrg(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc+"page_size = 100\n")
	cols := []string{"rep_id", "rep_name", "email_address", "partner_org", "partner_org_id", "chat_count", "last_chat_date", "title"}
	rows := h.mustRun(query{table: "partnertap_chat_exchange", columns: cols})
	want := h.sandbox.Dataset().ChatExchangeRows()
	if len(rows) != len(want) || len(want) < 200 {
		t.Fatalf("got %d rows, want %d (over two pages)", len(rows), len(want))
	}
	got := map[string]map[string]any{}
	for _, r := range rows {
		got[r["rep_id"].(string)+"|"+r["partner_org"].(string)] = r
	}
	for _, w := range want {
		r := got[w.RepID+"|"+w.PartnerOrg]
		if r == nil || r["chat_count"] != w.ChatCount || !sameEpoch(r["last_chat_date"], w.LastChatDate) ||
			r["rep_name"] != w.RepName || r["partner_org_id"] != w.PartnerOrgID || r["title"] != w.RepName+" with "+w.PartnerOrg {
			t.Fatalf("got %v, want %+v", r, w)
		}
	}

	h.sandbox.ResetRequests()
	partner := want[0].PartnerOrg
	rows = h.mustRun(query{table: "partnertap_chat_exchange", columns: cols, quals: eq("partner_org", partner)})
	n := 0
	for _, w := range want {
		if w.PartnerOrg == partner {
			n++
		}
	}
	if len(rows) != n {
		t.Fatalf("got %d rows for %s, want %d", len(rows), partner, n)
	}
	reqs := h.apiRequests(api.ChatsExchanged.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("partnerOrg") != partner {
		t.Fatalf("requests %+v", reqs)
	}
}

func TestRepChatsPushRepAndPartnerAndAgreeWithExchanges(t *testing.T) {
	h := newHarness(t, sandbox.Config{}, demoSpc)
	cols := []string{"chat_id", "rep_id", "rep_name", "partner_org", "partner_rep_name", "partner_rep_email", "message_count",
		"first_message_date", "last_message_date", "title"}
	all := h.mustRun(query{table: "partnertap_rep_chat", columns: cols})
	want := h.sandbox.Dataset().RepChatRows()
	if len(all) != len(want) {
		t.Fatalf("got %d chats, want %d", len(all), len(want))
	}
	byID := indexBy(t, all, "chat_id")
	for _, w := range want {
		r := byID[w.ChatID]
		if r == nil || r["message_count"] != w.MessageCount || !sameEpoch(r["first_message_date"], &w.FirstMessageDate) ||
			!sameEpoch(r["last_message_date"], &w.LastMessageDate) || r["partner_rep_email"] != w.PartnerRepEmail {
			t.Fatalf("got %v, want %+v", r, w)
		}
	}

	exchange := h.sandbox.Dataset().ChatExchangeRows()[5]
	h.sandbox.ResetRequests()
	rows := h.mustRun(query{table: "partnertap_rep_chat", columns: cols,
		quals: quals(qual("rep_id", "=", exchange.RepID), qual("partner_org", "=", exchange.PartnerOrg))})
	if int64(len(rows)) != exchange.ChatCount {
		t.Fatalf("got %d chats of %s with %s, the exchange counts %d", len(rows), exchange.RepName, exchange.PartnerOrg, exchange.ChatCount)
	}
	reqs := h.apiRequests(api.RepChats.Path)
	if len(reqs) != 1 || reqs[0].Query.Get("repId") != exchange.RepID || reqs[0].Query.Get("partnerOrg") != exchange.PartnerOrg {
		t.Fatalf("requests %+v", reqs)
	}
}
