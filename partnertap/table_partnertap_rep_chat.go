package partnertap

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

func tablePartnerTapRepChat(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "partnertap_rep_chat",
		Description: "Each chat between one of your sales reps and a partner rep.",
		List: &plugin.ListConfig{
			Hydrate:    listRepChats,
			KeyColumns: plugin.OptionalColumns([]string{"rep_id", "partner_org"}),
		},
		Columns: []*plugin.Column{
			{Name: "chat_id", Type: proto.ColumnType_STRING, Description: "The chat's PartnerTap id."},
			{Name: "rep_id", Type: proto.ColumnType_STRING, Description: "Your sales rep's PartnerTap id."},
			{Name: "rep_name", Type: proto.ColumnType_STRING, Description: "Your sales rep's name."},
			{Name: "partner_org", Type: proto.ColumnType_STRING, Description: "The partner organization's name."},
			{Name: "partner_rep_name", Type: proto.ColumnType_STRING, Description: "The partner rep's name."},
			{Name: "partner_rep_email", Type: proto.ColumnType_STRING, Description: "The partner rep's email address."},
			{Name: "message_count", Type: proto.ColumnType_INT, Description: "Messages in the chat."},
			{Name: "first_message_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When the first message was sent."},
			{Name: "last_message_date", Type: proto.ColumnType_TIMESTAMP, Transform: fromEpoch(), Description: "When the last message was sent."},
			{Name: "title", Type: proto.ColumnType_STRING, Transform: transform.From(repChatTitle), Description: titleDescription},
		},
	}
}

func listRepChats(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	query := url.Values{}
	if !setEquals(d, query, map[string]string{"rep_id": api.ParamRepID, "partner_org": api.ParamPartnerOrg}) {
		return nil, nil
	}
	return nil, streamPages(ctx, d, api.RepChats, query, asRows[api.RepChat]())
}

func repChatTitle(_ context.Context, d *transform.TransformData) (any, error) {
	c := d.HydrateItem.(*api.RepChat)
	return c.RepName + " with " + c.PartnerRepName + " (" + c.PartnerOrg + ")", nil
}
