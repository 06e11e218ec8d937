package audit

// ResumeField names the Plan field that carries on the interrupted attack
// (the last of Attacks) from Resume: "Skip" for masks, whose Resume counts
// candidates, and "SkipLines" for the attacks that read a wordlist, whose
// Resume counts lines. It is "" unless ResumeValid.
func (r *Result) ResumeField() string {
	switch {
	case !r.ResumeValid || len(r.Attacks) == 0:
		return ""
	case r.Attacks[len(r.Attacks)-1].Attack == KindMask:
		return "Skip"
	}
	return "SkipLines"
}
