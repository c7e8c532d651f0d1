"""Mail providers behind one seam: IMAP+SMTP, Gmail (REST), Microsoft Graph.

``base.MailProvider`` is the interface; ``registry`` maps a mailbox kind to its
provider. The sync worker, the scheduler, the CLI, the outbox and the dialogs all
go through ``provider_for(mailbox)``, never through a kind check of their own.
"""
