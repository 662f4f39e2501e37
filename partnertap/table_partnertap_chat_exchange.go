package partnertap

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapChatExchange(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_chat_exchange",
		Description: "Chats exchanged between each of your sales reps and each partner org.",
		List: &plugin.ListConfig{
			Hydrate:    listChatExchanges,
			KeyColumns: plugin.OptionalColumns([]string{"partner_org"}),
		},
		Columns: []*plugin.Column{
			{Name: "rep_id", Type: proto.ColumnType_STRING, Description: "The sales rep's PartnerTap id."},
			{Name: "rep_name", Type: proto.ColumnType_STRING, Description: "The sales rep's name."},
			{Name: "email_address", Type: proto.ColumnType_STRING, Description: "The sales rep's email address."},
			{Name: "partner_org", Type: proto.ColumnType_STRING, Description: "The partner organization's name."},
			{Name: "partner_org_id", Type: proto.ColumnType_STRING, Description: "The partner organization's PartnerTap id."},
			{Name: "chat_count", Type: proto.ColumnType_INT, Description: "Chats between the rep and the partner org's reps."},
			{Name: "last_chat_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When the last of those chats was active."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: transform.From(chatExchangeTitle), Description: titleDescription},
		},
	}
}

func listChatExchanges(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	query := url.Values{}
	if !setEquals(d, query, map[string]string{"partner_org": api.ParamPartnerOrg}) {
		return nil, nil
	}
	return nil, streamPages(ctx, d, api.ChatsExchanged, query, asRows[api.ChatExchange]())
}

func chatExchangeTitle(_ context.Context, d *transform.TransformData) (any, error) {
	c := d.HydrateItem.(*api.ChatExchange)
	return c.RepName + " with " + c.PartnerOrg, nil
}
