package sandbox

import (
	"maps"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// churnOps are how a churn changes the rows of one item type: a row's key, a new row like a
// template with a new id, and a row updated in a field no list filters on.
type churnOps[T any] struct {
	key    func(T) string
	insert func(like T, id string) T
	update func(T) T
}

// churnOpsFor is the churn of the item type T; known is false for a type no churn changes.
func churnOpsFor[T any]() (ops churnOps[T], known bool) {
	var byType any
	switch any(*new(T)).(type) {
	case api.RepConnections:
		byType = churnOps[api.RepConnections]{key: api.RepConnections.ListKey,
			insert: func(r api.RepConnections, id string) api.RepConnections { r.RepID = id; return r },
			update: func(r api.RepConnections) api.RepConnections { r.NewConnections++; return r }}
	case api.OppShareSummary:
		byType = churnOps[api.OppShareSummary]{key: api.OppShareSummary.ListKey,
			insert: func(s api.OppShareSummary, id string) api.OppShareSummary { s.PartnerOrgID = id; return s },
			update: func(s api.OppShareSummary) api.OppShareSummary { s.OppsSharedInbound++; return s }}
	case api.SharedOpportunity:
		byType = churnOps[api.SharedOpportunity]{key: api.SharedOpportunity.ListKey,
			insert: func(o api.SharedOpportunity, id string) api.SharedOpportunity { o.OpportunityID = id; return o },
			update: func(o api.SharedOpportunity) api.SharedOpportunity {
				o.Amount = ptr(orZero(o.Amount) + 1000)
				return o
			}}
	case api.SaleAccount:
		byType = churnOps[api.SaleAccount]{key: api.SaleAccount.ListKey,
			insert: func(a api.SaleAccount, id string) api.SaleAccount {
				a.SaleAccountID, a.CrmAccountID = id, "001"+id[:15]
				return a
			},
			update: func(a api.SaleAccount) api.SaleAccount {
				a.OwnerName = ptr(orZero(a.OwnerName) + " (reassigned)")
				return a
			}}
	case api.ChatExchange:
		byType = churnOps[api.ChatExchange]{key: api.ChatExchange.ListKey,
			insert: func(c api.ChatExchange, id string) api.ChatExchange { c.RepID = id; return c },
			update: func(c api.ChatExchange) api.ChatExchange { c.ChatCount++; return c }}
	case api.RepChat:
		byType = churnOps[api.RepChat]{key: api.RepChat.ListKey,
			insert: func(c api.RepChat, id string) api.RepChat { c.ChatID = id; return c },
			update: func(c api.RepChat) api.RepChat { c.MessageCount++; return c }}
	default:
		return ops, false
	}
	return byType.(churnOps[T]), true
}

func orZero[T any](p *T) T {
	if p == nil {
		return *new(T)
	}
	return *p
}

// recordUpdates are the fields an update changes in a v1 list's records: text no query filters on.
var recordUpdates = map[string]string{
	api.ChannelConnectedPartnerOrgs: "partnerOwner",
	api.ChannelMatchedAccounts:      "partnerOwner",
	api.ReportGlobalAccounts:        "account_owner_name",
	api.ReportGlobalOpportunities:   "opportunity_owner_name",
}

// recordChurnOps is the churn of a v1 list's records, which its key fields tell apart: an insert
// copies a record under a new id (the first key field), an update changes recordUpdates' field.
func recordChurnOps(list string) (churnOps[api.Record], bool) {
	keys, ok := api.V1KeyFields[list]
	if !ok {
		return churnOps[api.Record]{}, false
	}
	updated := recordUpdates[list]
	return churnOps[api.Record]{
		key: func(rec api.Record) string { return api.RecordKey(keys, func(f string) any { return rec[f] }) },
		insert: func(like api.Record, id string) api.Record {
			rec := maps.Clone(like)
			rec[keys[0]] = id
			return rec
		},
		update: func(rec api.Record) api.Record {
			rec = maps.Clone(rec)
			text, _ := rec[updated].(string)
			rec[updated] = text + " (reassigned)"
			return rec
		},
	}, true
}
