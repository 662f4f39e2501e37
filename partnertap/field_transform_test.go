package partnertap

import (
	"context"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

type accountRow struct {
	AccountName string
	OwnerEmail  *string
}

type repRow struct{ AccountName, RepID string }

// One transform may serve several columns and row types (the plugin's DefaultTransform does):
// its slot must resolve again whenever either changes, never read one column's field for another.
func TestASharedFieldTransformResolvesEachColumnAndRowType(t *testing.T) {
	email := "a@example.com"
	shared := fromGo()
	for range 2 {
		for _, c := range []struct {
			row    any
			column string
			want   any
		}{
			{&accountRow{AccountName: "Acme", OwnerEmail: &email}, "account_name", "Acme"},
			{&accountRow{AccountName: "Acme", OwnerEmail: &email}, "owner_email", email},
			{&accountRow{AccountName: "Acme"}, "owner_email", nil},
			{repRow{AccountName: "Initech", RepID: "r-1"}, "account_name", "Initech"},
			{&repRow{RepID: "r-2"}, "rep_id", "r-2"},
			{(*accountRow)(nil), "account_name", nil},
		} {
			got, err := shared.Execute(context.Background(), &transform.TransformData{HydrateItem: c.row, ColumnName: c.column})
			if err != nil || got != c.want {
				t.Fatalf("%T.%s: %v, %v; want %v", c.row, c.column, got, err, c.want)
			}
		}
	}
	if _, err := shared.Execute(context.Background(), &transform.TransformData{HydrateItem: &repRow{}, ColumnName: "owner_email"}); err == nil {
		t.Fatal("a column without a field: no error")
	}
}

// No column falls back to the plugin's DefaultTransform: it would share its slot with every other
// such column, and resolve its field again for every row.
func TestEveryColumnHasItsOwnTransform(t *testing.T) {
	for name, table := range Plugin(context.Background()).TableMap {
		for _, c := range table.Columns {
			if c.Transform == nil && table.DefaultTransform == nil {
				t.Errorf("%s.%s has no transform: it would use the shared DefaultTransform", name, c.Name)
			}
		}
	}
}
