package api

import (
	"slices"
	"testing"
)

// Every v1 key field is a standard field of its list, so a read decodes it (and its position is
// never -1); the first, the record's own id, is text.
func TestV1KeyFieldsAreStandardFieldsOfTheirList(t *testing.T) {
	fieldsOf := map[string][]Field{
		ChannelConnectedPartnerOrgs: PartnerOrgFields,
		ChannelMatchedAccounts:      MatchedAccountFields,
		ReportGlobalAccounts:        ReportFields(ReportGlobalAccounts),
		ReportGlobalOpportunities:   ReportFields(ReportGlobalOpportunities),
	}
	for list, keys := range V1KeyFields {
		fields, ok := fieldsOf[list]
		if !ok {
			t.Fatalf("%s: a key for a list with no field set", list)
		}
		for i, k := range keys {
			at := slices.IndexFunc(fields, func(f Field) bool { return f.Key == k })
			if at < 0 || (i == 0 && fields[at].Type != TypeString) {
				t.Errorf("%s: key field %s is not a standard field (or the id is not text)", list, k)
			}
		}
	}
}
