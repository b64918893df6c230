## The cooperative's own space (issue 11)

account-cooperatives = Mes coopératives
account-cooperative-record = La fiche au registre
space-title = Espace de la coopérative
space-open = Espace de la coopérative : membres, assemblées, documents et échéances
space-read-only = Consultation seulement : ces registres sont tenus par les dirigeants de la coopérative.
space-members = Registre des membres
space-shares = Parts et capital
space-mandates = Organes et mandats
space-assemblies = Assemblées générales
space-documents = Documents à conserver
space-calendar = Ce qu’il faut faire
space-calendar-empty = Aucune échéance à venir.
space-unverified-rules = Certains chiffres (quorum, majorités, délai de libération du capital) n’ont pas été vérifiés dans le texte de la loi 112-12 : ce sont des valeurs par défaut, modifiables.
space-capital = Capital
space-capital-subscribed = Capital souscrit
space-capital-paid = Dont libéré
space-capital-unpaid = Reste à libérer
space-paid-up-deadline = Libération complète avant le
space-members-now = Membres actuels
space-documents-to-fix = Documents manquants ou pas à jour : { $count }
space-documents-ok = Tous les documents à conserver sont là et à jour.
space-register-title = Déclarer un changement au registre
space-register-lead = Un changement des organes, des statuts ou du capital doit être inscrit au registre local des coopératives.
space-file-modification = Déposer une demande d’inscription modificative
space-accounts-filed = États financiers déposés au tribunal
space-accounts-filed-on = Date du dépôt
space-members-private = Données personnelles (loi 09-08) : seuls les dirigeants de la coopérative et les autorités compétentes les consultent.
space-members-none = Aucun membre enregistré pour l’instant.
space-member-add = Ajouter un membre
space-member-leave = Enregistrer la sortie
space-member-leaves-on = Date de sortie
space-member-left = Sorti le { $date }
space-member-current = Membre actuel
space-gender-unsaid = Non déclaré
space-hint-member-email = Sert à envoyer les convocations aux assemblées.
space-col-shares = Parts
space-col-paid = Libéré
space-col-status = Situation
space-shares-none = Aucune ligne au registre des parts pour l’instant.
space-movement-add = Ajouter une ligne
space-transfer-only = (en cas de cession seulement)
space-hint-shares = Nombre de parts (souscription, cession ou retrait).
space-hint-amount = Montant en dirhams (versement, ou montant remboursé).
space-mandates-none = Aucun mandat enregistré pour l’instant.
space-mandate-add = Ajouter un mandat
space-mandate-end = Mettre fin au mandat
space-mandate-ended-on = Date de fin
space-hint-mandate-end = Selon les statuts.
space-assemblies-none = Aucune assemblée convoquée pour l’instant.
space-hint-financial-year = Pour l’assemblée ordinaire : l’exercice dont elle approuve les comptes.
space-documents-lead = Voici les documents qu’une coopérative doit conserver. Chaque envoi est gardé comme une nouvelle version.
space-documents-guide = Guide des documents de gestion des coopératives
space-upload = Envoyer le document
space-hint-upload = Fichier PDF ou image JPEG ou PNG, 10 Mo au plus.
space-hint-document-year = Pour les états financiers et le rapport de gestion : l’exercice (par exemple { $year }).

field-member_kind = Type de membre
field-id_number = Numéro de CIN ou d’immatriculation
field-birth_year = Année de naissance
field-joined_on = Date d’adhésion
field-movement_kind = Type de ligne
field-on = Date
field-member_id = Membre
field-to_member_id = Membre bénéficiaire
field-shares = Nombre de parts
field-amount = Montant (DH)
field-office_role = Fonction
field-holder = Nom
field-assembly_kind = Type d’assemblée
field-financial_year = Exercice
field-call = Convocation
field-held_on = Date de la réunion
field-place = Lieu
field-agenda = Ordre du jour
field-text_ar = Texte de la résolution en arabe
field-text_fr = Texte de la résolution en français
field-votes_for = Voix pour
field-votes_against = Voix contre
field-abstentions = Abstentions

member-kind-person = Personne physique
member-kind-legal_person = Personne morale
movement-kind-subscription = Souscription
movement-kind-payment = Versement
movement-kind-transfer = Cession
movement-kind-withdrawal = Retrait
office-role-chair = Président(e) du conseil d’administration
office-role-board_member = Membre du conseil d’administration
office-role-manager = Gérant(e)
office-role-auditor = Commissaire aux comptes
mandate-state-running = En cours
mandate-state-renewal_due = Renouvellement proche
mandate-state-expired = Échu, à renouveler
mandate-state-ended = Terminé

assembly-title-ordinary = Assemblée générale ordinaire
assembly-title-extraordinary = Assemblée générale extraordinaire
assembly-call-1 = Première convocation
assembly-call-2 = Deuxième convocation
assembly-convene = Convoquer une assemblée générale
assembly-convened = Convoquée
assembly-held = Tenue avec { $present } présents
assembly-notify = Envoyer la convocation par courriel aux membres
assembly-quorum = Quorum
assembly-quorum-line = Présents : { $present } sur { $members } membres (quorum : { $needed })
assembly-quorum-met = Quorum atteint
assembly-quorum-not-met = Quorum non atteint
assembly-attendance = Présence
assembly-who-present = Membres présents
assembly-save-attendance = Enregistrer la présence
assembly-resolutions = Résolutions
assembly-no-resolutions = Aucune résolution enregistrée pour l’instant.
assembly-add-resolution = Ajouter une résolution
assembly-minutes = Procès-verbal
assembly-minutes-ar = Procès-verbal en arabe (PDF)
assembly-minutes-fr = Procès-verbal en français (PDF)
assembly-signed-copy = Copie signée, version { $version }
assembly-upload-signed = Copie signée du procès-verbal
assembly-notice-subject = Convocation à l’assemblée générale : { $cooperative }
assembly-notice-body-ordinary =
    Madame, Monsieur { $name },

    Le conseil d’administration de { $cooperative } vous convoque à l’assemblée générale ordinaire le { $date } à { $time }, à { $place }.

    Ordre du jour :
    { $agenda }
assembly-notice-body-extraordinary =
    Madame, Monsieur { $name },

    Le conseil d’administration de { $cooperative } vous convoque à l’assemblée générale extraordinaire le { $date } à { $time }, à { $place }.

    Ordre du jour :
    { $agenda }
resolution-votes = Pour : { $for }, contre : { $against }, abstentions : { $abstentions }
resolution-adopted = Adoptée
resolution-rejected = Rejetée
resolution-n = Résolution n°
minutes-opening = L’assemblée générale de { $cooperative } s’est réunie le { $date } à { $time }, à { $place }, sur { $call }ʳᵉ convocation.
minutes-attendance = { $present } membres présents sur { $members }.
minutes-quorum-met = Le quorum est atteint.
minutes-quorum-not-met = Le quorum n’est pas atteint.
minutes-signatures = Signatures
minutes-chair = Président(e) de séance
minutes-secretary = Secrétaire de séance
minutes-footer = procès-verbal établi à partir des registres de la coopérative

kept-statutes = Statuts
kept-members_register = Registre des membres
kept-assembly_minutes = Procès-verbaux des assemblées générales
kept-board_minutes = Procès-verbaux du conseil d’administration
kept-annual_accounts = États financiers annuels
kept-management_report = Rapport de gestion
kept-bank_certificate = Attestation bancaire (dépôt du capital)
kept-register_extract = Extrait du registre
kept-state-present = Présent
kept-state-missing = Manquant
kept-state-out_of_date = Pas à jour
kept-version = Version { $version }

obligation-adaptation = Mise en conformité des statuts avec la loi 112-12
obligation-capital_paid_up = Libération complète du capital
obligation-ordinary_assembly = Assemblée générale ordinaire de l’exercice { $subject }
obligation-accounts_filing = Dépôt des états financiers { $subject } au tribunal
obligation-mandate_renewal = Renouvellement du mandat : { $subject }
obligation-state-overdue = En retard
obligation-state-due_soon = Bientôt
obligation-state-upcoming = À venir
obligation-state-done = Fait
obligation-col-adaptation = Mise en conformité
obligation-col-capital_paid_up = Libération du capital
obligation-col-ordinary_assembly = Assemblée ordinaire
obligation-col-accounts_filing = Dépôt des comptes
obligation-col-mandate_renewal = Renouvellement des mandats
obligations-title = Obligations en retard des coopératives
obligations-lead = Coopératives qui tiennent leurs registres sur la plateforme : { $count }.
obligations-by-region = Obligations en retard par région
obligations-list = La liste
obligations-none = Aucune obligation en retard.
nav-obligations = Obligations

reminder-overdue-subject = Rappel : { $what } — en retard
reminder-overdue-body =
    { $cooperative } :
    { $what } était attendu avant le { $date }.
    Merci de régulariser dans l’espace de la coopérative sur Taawun.
reminder-due_soon-subject = Rappel : { $what } avant le { $date }
reminder-due_soon-body =
    { $cooperative } :
    { $what } doit être fait avant le { $date }.
    Le détail est dans l’espace de la coopérative sur Taawun.

error-legal_person_no_gender = Une personne morale n’a ni sexe ni année de naissance.
error-transfer_to_self = Un membre ne peut pas se céder des parts à lui-même.
error-not_a_member_on_date = Ce n’était pas un membre à cette date.
error-more_shares_than_held = Ce membre ne détient que { $max } parts.
error-payment_above_subscribed = Le montant dépasse ce qui reste à verser ({ $max } DH).
error-refund_above_paid = Le remboursement dépasse ce qui a été libéré ({ $max } DH).
error-more_votes_than_present = Il y a plus de voix que de présents ({ $max }).
