package pupils

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"techniqual/data"
	"techniqual/ui/internal/uitest"
)

func TestGuardianReplyIsRecorded(t *testing.T) {
	st := uitest.OpenStore(t)
	per, pupils := classFixture(t, st)
	_, s := openPupils(t, st)
	s.detail.show(pupils[2])
	s.detail.onShowGuardianReply()
	g := s.detail.reply
	g.consent.SetSelected("Ja")
	test.Type(g.allergies, "Nötter")
	test.Type(g.travel, "Buss 3")
	test.Type(g.tel, "070-000 00 01")
	if !g.save() {
		t.Fatalf("not saved: %q", g.msg.Text)
	}
	rs, err := st.GuardianReplies(context.Background(), per.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[pupils[2].ID]
	if r.Consent != data.ConsentYes || r.Allergies != "Nötter" || r.Travel != "Buss 3" || r.ReceivedOn.IsZero() {
		t.Errorf("recorded %+v", r)
	}
	if !strings.Contains(g.msg.Text, "Svar registrerat") {
		t.Errorf("message %q", g.msg.Text)
	}
}
