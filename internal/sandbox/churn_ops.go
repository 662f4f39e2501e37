package sandbox

import "github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"

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
