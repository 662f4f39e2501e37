package partnertap

import (
	"context"
	"fmt"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// epochToTime turns the API's epoch seconds (int64 or *int64) into a timestamp; absent stays null.
func epochToTime(_ context.Context, d *transform.TransformData) (any, error) {
	switch v := d.Value.(type) {
	case nil:
		return nil, nil
	case int64:
		return time.Unix(v, 0).UTC(), nil
	case *int64:
		if v == nil {
			return nil, nil
		}
		return time.Unix(*v, 0).UTC(), nil
	}
	return nil, fmt.Errorf("column %s: expected epoch seconds, got %T", d.ColumnName, d.Value)
}

// fromEpoch reads an epoch-seconds field named after the column and converts it.
func fromEpoch() *transform.ColumnTransforms {
	return fromGo().Transform(epochToTime)
}

// formatDay is an epoch second as a UTC date, for titles.
func formatDay(epoch int64) string { return time.Unix(epoch, 0).UTC().Format("2006-01-02") }
