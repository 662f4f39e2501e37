package sandbox

import (
	"sort"
	"time"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// chatData holds every conversation between the organization's reps and partner reps, and the
// per-rep, per-partner exchange counts derived from them, so the two lists always agree.
type chatData struct {
	conversations []api.RepChat
	exchanges     []api.ChatExchange
	// perRep counts conversations per rep index, for the dashboard.
	perRep []int64
}

func (d *Dataset) generateChats() chatData {
	var data chatData
	data.perRep = make([]int64, len(d.reps))
	for ri, rep := range d.reps {
		if !rep.LoggedIn {
			continue // a rep who never logged in has never chatted
		}
		r := d.rng(kindChat, ri)
		partnerCount := r.IntN(min(6, len(d.partners)+1))
		partnerIdx := r.Perm(len(d.partners))[:partnerCount]
		sort.Ints(partnerIdx)
		for _, pi := range partnerIdx {
			p := d.partners[pi]
			exchange := api.ChatExchange{RepID: rep.ID, RepName: rep.Name, EmailAddress: rep.Email,
				PartnerOrg: p.Name, PartnerOrgID: p.ID}
			chats := int(between(r, 1, 7))
			for c := 0; c < chats; c++ {
				f := d.faker(kindChat, ri*1000+pi*10+c)
				partnerRep := f.Person()
				first := d.epochIn(r, time.Unix(p.FirstConnect, 0), d.cfg.AsOf)
				last := d.epochIn(r, time.Unix(first, 0), time.Unix(min(first+90*86400, d.cfg.AsOf.Unix()), 0))
				conv := api.RepChat{
					ChatID: hexID(r), RepID: rep.ID, RepName: rep.Name,
					PartnerRepName:   partnerRep.FirstName + " " + partnerRep.LastName,
					PartnerRepEmail:  lowerEmail(partnerRep.FirstName, partnerRep.LastName, slug(p.Name)+".example"),
					PartnerOrg:       p.Name,
					MessageCount:     between(r, 1, 60),
					FirstMessageDate: first,
					LastMessageDate:  last,
				}
				data.conversations = append(data.conversations, conv)
				exchange.ChatCount++
				if exchange.LastChatDate == nil || last > *exchange.LastChatDate {
					exchange.LastChatDate = ptr(last)
				}
			}
			data.perRep[ri] += exchange.ChatCount
			data.exchanges = append(data.exchanges, exchange)
		}
	}
	return data
}
