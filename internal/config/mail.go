package config

// Mail configures the e-mail edition of a release (pressroom mail).
type Mail struct {
	// SubjectPrefix goes before the title in the subject; nil means the
	// language's default, "" no prefix.
	SubjectPrefix *string `toml:"subjectPrefix"`
}

// MailSubjectPrefix is the prefix of the subject of a release's e-mail:
// [mail] subjectPrefix, else "Pressemitteilung:" (German) or "Press
// release:" (English).
func (s *Site) MailSubjectPrefix() string {
	if s.Mail.SubjectPrefix != nil {
		return *s.Mail.SubjectPrefix
	}
	return pick(s.Language == "en", "Press release:", "Pressemitteilung:")
}
