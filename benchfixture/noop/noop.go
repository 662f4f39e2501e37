// Package noop is the benchmark fixture of scripts/bench-steampipe.sh: a Steampipe plugin that
// streams the rows of partnertap_sale_account where matched (the sandbox's 100k-account dataset,
// 99,741 rows, the same 18 columns) from memory, with no API, pager or decoding. It is the
// engine's floor for our plugin's read: tuned as ours is (no forced collection every 100 rows, a
// transform per column that reads the field directly instead of the SDK's reflective lookup). It
// is built as a plugin (benchfixture/noopplugin) on this repository's patched SDK and on the
// unpatched release, and as a standalone Postgres extension (steampipe_postgres_noop), so it sits
// outside internal/: the extension's build imports it from the FDW's module.
package noop

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/sandbox"
)

// Plugin is the fixture's definition, under the name the FDW's standalone build imports.
func Plugin(context.Context) *plugin.Plugin {
	if _, set := os.LookupEnv("STEAMPIPE_FREE_MEM_INTERVAL"); !set {
		_ = os.Setenv("STEAMPIPE_FREE_MEM_INTERVAL", "0") // as partnertap.Plugin does
	}
	return &plugin.Plugin{Name: "steampipe-plugin-noop", TableMap: map[string]*plugin.Table{"noop_sale_account": table()}}
}

// rows are generated once, at the first scan, as the sandbox serves them.
var rows = sync.OnceValues(func() ([]api.SaleAccount, error) {
	d, err := sandbox.NewDataset(sandbox.DatasetConfig{Accounts: 100_000})
	if err != nil {
		return nil, err
	}
	return d.MatchedAccountRows(), nil
})

func table() *plugin.Table {
	text := func(name string, get func(*api.SaleAccount) *string) *plugin.Column {
		return column(name, proto.ColumnType_STRING, func(a *api.SaleAccount) any {
			if v := get(a); v != nil {
				return *v
			}
			return nil
		})
	}
	return &plugin.Table{
		Name: "noop_sale_account",
		List: &plugin.ListConfig{Hydrate: list, KeyColumns: plugin.OptionalColumns([]string{"matched"})},
		Columns: []*plugin.Column{
			column("sale_account_id", proto.ColumnType_STRING, func(a *api.SaleAccount) any { return a.SaleAccountID }),
			column("account_name", proto.ColumnType_STRING, func(a *api.SaleAccount) any { return a.AccountName }),
			column("crm_account_id", proto.ColumnType_STRING, func(a *api.SaleAccount) any { return a.CrmAccountID }),
			column("matched", proto.ColumnType_BOOL, func(*api.SaleAccount) any { return true }),
			text("partner_org", func(a *api.SaleAccount) *string { return a.PartnerOrg }),
			text("partner_org_id", func(a *api.SaleAccount) *string { return a.PartnerOrgID }),
			text("partner_account_name", func(a *api.SaleAccount) *string { return a.PartnerAccountName }),
			column("match_date", proto.ColumnType_TIMESTAMP, func(a *api.SaleAccount) any {
				if a.MatchDate == nil {
					return nil
				}
				return time.Unix(*a.MatchDate, 0).UTC()
			}),
			text("account_type", func(a *api.SaleAccount) *string { return a.AccountType }),
			text("industry", func(a *api.SaleAccount) *string { return a.Industry }),
			text("city", func(a *api.SaleAccount) *string { return a.City }),
			text("state", func(a *api.SaleAccount) *string { return a.State }),
			text("country", func(a *api.SaleAccount) *string { return a.Country }),
			text("website", func(a *api.SaleAccount) *string { return a.Website }),
			text("owner_name", func(a *api.SaleAccount) *string { return a.OwnerName }),
			text("owner_email", func(a *api.SaleAccount) *string { return a.OwnerEmail }),
			column("search", proto.ColumnType_STRING, func(*api.SaleAccount) any { return nil }),
			column("title", proto.ColumnType_STRING, func(a *api.SaleAccount) any { return a.AccountName }),
		},
	}
}

// column reads one field of the row directly.
func column(name string, typ proto.ColumnType, get func(*api.SaleAccount) any) *plugin.Column {
	return &plugin.Column{Name: name, Type: typ, Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
		return get(d.HydrateItem.(*api.SaleAccount)), nil
	})}
}

func list(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	all, err := rows()
	if err != nil {
		return nil, err
	}
	for i := range all {
		d.StreamListItem(ctx, &all[i])
		if d.RowsRemaining(ctx) == 0 {
			break
		}
	}
	return nil, nil
}
