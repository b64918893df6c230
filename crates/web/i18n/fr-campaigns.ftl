## Campaigns, meetings, registration, check-in, reports (issue 6)

nav-campaigns = Campagnes et rencontres
campaigns-title = Campagnes de sensibilisation et rencontres
campaigns-lead = L’Office du développement de la coopération va à la rencontre des coopératives et de leurs partenaires dans les régions et les provinces. Inscrivez-vous à une rencontre près de chez vous, gratuitement et sans compte.
campaigns-upcoming = Prochaines rencontres
campaigns-no-upcoming = Aucune rencontre n’est programmée pour le moment.
campaigns-all = Toutes les campagnes
campaigns-none = Aucune campagne pour l’instant.
campaign-new = Nouvelle campagne
campaign-edit = Modifier la campagne
campaign-meeting-count = Rencontres : { $count }
campaign-period = Période
campaign-meetings = Rencontres
campaign-meeting = Rencontre
campaign-no-meetings = Aucune rencontre n’est encore programmée dans cette campagne.
campaign-ical = Ajouter les rencontres à l’agenda de votre téléphone (iCal)
meeting-new = Nouvelle rencontre
meeting-edit = Modifier la rencontre
meeting-heading-regional = Rencontre régionale de { $city }
meeting-heading-provincial = Rencontre provinciale de { $city }
meeting-places = Places
meeting-places-left = Places restantes : { $count }
meeting-full-waitlist = Complet : inscription sur liste d’attente
meeting-capacity-line = { $confirmed } inscrits sur { $capacity } places
meeting-register = S’inscrire à cette rencontre
meeting-register-waitlist = S’inscrire sur la liste d’attente
meeting-date-tba = Date à préciser
meeting-cancelled = annulée
meeting-closed-past = Cette rencontre a eu lieu ; les inscriptions sont closes.
meeting-closed-not_scheduled = La date de cette rencontre n’est pas encore fixée ; les inscriptions ouvriront alors.
meeting-closed-cancelled = Cette rencontre est annulée.
meeting-cancel-box = Annuler cette rencontre (ferme les inscriptions)
meeting-province-none = Aucune (rencontre régionale)
meeting-staff-title = Organisation
level-regional = Régionale
level-provincial = Provinciale
hint-one-per-line = Un élément par ligne.
hint-meeting-date = Laissez vide si la date n’est pas encore fixée.
hint-capacity = Le nombre de places de la salle. Au-delà, les personnes s’inscrivent sur liste d’attente.
hint-presenter = L’organisme qui présente l’intervention, ou l’animateur de l’atelier.
hint-contact = Téléphone ou adresse électronique : au moins l’un des deux.
hint-optional = Facultatif.
hint-cooperative-number = Facultatif : le numéro au registre central, si vous venez d’une coopérative.
hint-gender = Facultatif : sert uniquement à connaître la part des femmes parmi les participants.
hint-photo = Photo JPEG ou PNG, { $max } Mo au plus.

field-title_ar = Titre en arabe
field-title_fr = Titre en français
field-slogan_ar = Slogan en arabe
field-slogan_fr = Slogan en français
field-objectives = Objectifs
field-objectives_ar = Objectifs en arabe
field-objectives_fr = Objectifs en français
field-axes = Axes stratégiques
field-axes_ar = Axes stratégiques en arabe
field-axes_fr = Axes stratégiques en français
field-partners = Partenaires
field-partners_ar = Partenaires en arabe
field-partners_fr = Partenaires en français
field-target_groups = Publics visés
field-starts_on = Date de début
field-ends_on = Date de fin
field-level = Niveau
field-city = Ville
field-venue = Lieu
field-venue_ar = Lieu en arabe
field-venue_fr = Lieu en français
field-date = Date
field-starts_at = Heure de début
field-ends_at = Heure de fin
field-capacity = Nombre de places
field-organisers = Organisateurs
field-animators = Animateurs
field-item_kind = Type de séquence
field-presenter_ar = Intervenant en arabe
field-presenter_fr = Intervenant en français
field-room = Salle
field-participant-name = Nom complet
field-target_group = Je suis
field-organisation = Organisme ou coopérative
field-gender = Sexe
field-cooperative_number = Numéro de la coopérative au registre
field-from-province = Province d’où vous venez
field-workshops = Ateliers choisis
field-body = Requête
field-summary = Synthèse
field-summary_ar = Synthèse en arabe
field-summary_fr = Synthèse en français
field-speakers = Intervenants et interventions
field-speakers_ar = Intervenants en arabe
field-speakers_fr = Intervenants en français
field-figures = Chiffres de la région
field-figures_ar = Chiffres en arabe
field-figures_fr = Chiffres en français
field-weaknesses = Faiblesses relevées
field-weaknesses_ar = Faiblesses en arabe
field-weaknesses_fr = Faiblesses en français
field-recommendations = Recommandations et engagements
field-recommendations_ar = Recommandations en arabe
field-recommendations_fr = Recommandations en français
field-photo = Photo
field-caption_ar = Légende en arabe
field-caption_fr = Légende en français
lang-ar-version = En arabe
lang-fr-version = En français

target-group-cooperative_manager = Dirigeant(e) de coopérative ou d’union
target-group-cooperative_member = Membre de coopérative ou d’union
target-group-association = Association de développement local
target-group-chamber = Chambre professionnelle
target-group-administration = Administration technique
target-group-local_authority = Autorité locale
target-group-student = Étudiant(e) d’université ou d’institut
target-group-other = Autre
gender-woman = Femme
gender-man = Homme
item-kind-reception = Accueil et inscription des participants
item-kind-opening = Allocutions d’ouverture
item-kind-talk = Intervention
item-kind-workshop = Atelier
item-kind-break = Pause
item-kind-closing = Clôture

programme-title = Programme
programme-time = Heure
programme-item = Séquence
programme-presenter = Intervenant
programme-empty = Le programme n’est pas encore publié.
programme-edit = Modifier le programme
programme-add = Ajouter une séquence
programme-done = J’ai fini le programme
programme-pdf = Le programme en PDF
actions = Actions
remove = Supprimer

meeting-register-title = S’inscrire à la rencontre
register-waitlist-note = La rencontre est complète. En vous inscrivant, vous rejoignez la liste d’attente et nous vous prévenons si une place se libère.
register-province-default = Province de la rencontre
register-privacy = Ces données servent uniquement à organiser la rencontre et à compter les présents ; elles ne sont jamais publiées (loi 09-08).
register-submit = M’inscrire
walkin-title = Inscrire une personne venue sans inscription
walkin-submit = Inscrire et enregistrer la présence

ticket-title = Billet d’entrée
ticket-confirmed-title = Votre inscription est confirmée
ticket-confirmed-lead = Bienvenue { $name }. Gardez cette page ou imprimez-la : vous présenterez son code à l’entrée.
ticket-waitlisted-title = Vous êtes sur la liste d’attente
ticket-waitlisted-lead = Votre rang sur la liste d’attente : { $rank }. Si une place se libère, votre inscription est confirmée automatiquement et nous vous écrivons si vous avez laissé une adresse.
ticket-cancelled-title = Cette inscription est annulée
ticket-cancelled-done = Votre inscription est annulée. Merci d’avoir libéré la place.
ticket-meeting = Rencontre
ticket-present = Présence enregistrée
ticket-qr-title = Code d’entrée
ticket-qr-lead = Les organisateurs scannent ce code à l’entrée.
ticket-qr-label = Billet d’entrée à la rencontre
ticket-code = Code du billet :
ticket-cancel-title = Vous ne pourrez pas venir ?
ticket-cancel-lead = Annulez votre inscription pour qu’une autre personne profite de la place.
ticket-cancel = Annuler mon inscription

checkin-title = Accueil des participants
checkin-count = Présents : { $present } sur { $confirmed } inscrits
checkin-done = Présence de { $name } enregistrée.
checkin-done-already = { $name } était déjà enregistré(e), le { $time }. Inutile de recommencer.
checkin-scan-title = Scanner le billet
checkin-ticket = Code ou lien du billet
checkin-ticket-hint = Les huit caractères écrits sous le code suffisent.
checkin-submit = Enregistrer la présence
checkin-scan = Scanner avec la caméra
checkin-find-title = Chercher par nom ou téléphone
checkin-find = Nom ou numéro de téléphone
checkin-none-found = Personne n’est inscrit sous ce nom ou ce numéro.
checkin-already = Présent depuis { $time }
checkin-pending = Envoi…
checkin-offline = Pas de connexion : la présence est gardée sur ce téléphone et sera envoyée dès le retour du réseau.
checkin-no-camera = Impossible d’ouvrir la caméra. Tapez le code du billet ou cherchez par nom.
checkin-ticket_unknown = Ce billet n’est pas un billet de cette rencontre.
checkin-not_confirmed = Cette personne est sur liste d’attente ou s’est désinscrite : elle n’a pas de place.

registrations-title = Inscrits
registrations-list = Liste des inscrits
registrations-none = Aucun inscrit pour l’instant.
reg-col-name = Nom
reg-col-status = Statut
reg-col-present = Présent
reg-col-signature = Signature
reg-status-confirmed = Confirmé
reg-status-waitlisted = En attente
reg-status-cancelled = Annulé
reg-forgotten = (effacé : durée de conservation écoulée)
reg-walk-in = sans inscription préalable
badges-title = Badges à imprimer
badges-hint = Imprimez cette page : un badge par inscrit confirmé.
download-csv = Télécharger en CSV
download-xlsx = Télécharger en Excel (XLSX)

attendance-title = Statistiques de participation
attendance-campaign = Toute la campagne
attendance-per-meeting = Par rencontre
att-registered = Inscrits confirmés
att-waitlisted = Sur liste d’attente
att-present = Présents
att-women-share = Part des femmes
att-women-share-present = parmi les présents : { $value } %
att-by-group = Par public
att-by-group-col = Public
att-by-province = Par province
att-by-province-col = Province
province-unknown = Non précisée
percent = { $value } %

report-title = Compte rendu de la rencontre
report-edit = Rédiger le compte rendu
report-draft-note = Brouillon : seuls les organisateurs le voient.
report-published-on = Publié le { $date }
report-state-draft = Le compte rendu est un brouillon non publié.
report-state-published = Le compte rendu est publié sur la page de la rencontre.
report-publish = Publier le compte rendu
report-save-draft = Enregistrer le brouillon
report-unpublish = Retirer la publication
report-photos = Photos
report-photo = Photo de la rencontre
report-add-photo = Ajouter la photo

kit-title = Dossier du participant
kit-lead = Les documents remis aux participants, à télécharger et imprimer.
kit-programme = Programme de la rencontre
kit-memo = Note sur la rencontre
kit-memo-summary = Objectifs de la campagne, axes, publics visés et partenaires.
kit-questions = 100 questions sur le travail coopératif
kit-questions-summary = Questions et réponses sur la création, la gestion et la mise en conformité, en langage simple.
kit-pdf-note = PDF à imprimer
kit-read-online = Lire sur le site
kit-other-lang = Les documents existent aussi dans l’autre langue :

mail-registration-confirmed-subject = Votre inscription à la rencontre de { $city } est confirmée
mail-registration-confirmed-body =
    Bonjour { $name },

    Votre inscription à la rencontre de sensibilisation de { $city } est confirmée.
    Date : { $date } { $time }
    Lieu : { $venue }

    Votre billet (code d’entrée) et l’annulation :
    { $link }

    Office du développement de la coopération
mail-registration-waitlisted-subject = Vous êtes sur la liste d’attente de la rencontre de { $city }
mail-registration-waitlisted-body =
    Bonjour { $name },

    La rencontre de sensibilisation de { $city } est complète : vous êtes sur la liste d’attente.
    Si une place se libère, votre inscription est confirmée automatiquement et nous vous écrivons.

    Votre situation à tout moment :
    { $link }

    Office du développement de la coopération

mail-meeting-cancelled-subject = La rencontre de { $city } est annulée
mail-meeting-cancelled-body =
    Bonjour { $name },

    Nous avons le regret de vous informer que la rencontre de sensibilisation de { $city } est annulée. Nous vous préviendrons si une nouvelle rencontre est programmée.

    Office du développement de la coopération
mail-meeting-moved-subject = Changement de date ou de lieu de la rencontre de { $city }
mail-meeting-moved-body =
    Bonjour { $name },

    La date ou le lieu de la rencontre de sensibilisation de { $city } a changé :
    Date : { $date } { $time }
    Lieu : { $venue }

    Votre billet reste valable :
    { $link }

    Office du développement de la coopération

error-conflict = Cette demande entre en conflit avec ce qui est enregistré.
error-end_before_start = « { $field } » doit venir après le début.
error-invalid_time = Écrivez l’heure sous la forme 09:30 dans « { $field } ».
error-invalid_capacity = Le nombre de places est un nombre entre 1 et { $max }.
error-contact_required = Laissez un numéro de téléphone ou une adresse électronique pour que nous puissions vous joindre.
error-already_registered = Vous êtes déjà inscrit à cette rencontre. Votre billet est dans le message de confirmation.
error-registration_closed = Les inscriptions à cette rencontre sont closes.
error-meeting_full = La rencontre est complète : impossible d’inscrire une personne de plus.
error-unknown_cooperative = Aucune coopérative ne porte ce numéro au registre.
error-capacity_below_confirmed = Le nombre de places est inférieur au nombre d’inscrits confirmés ({ $count }).
error-outside_your_region = Vous ne pouvez pas organiser une rencontre hors de votre région.
error-photo_type = La photo doit être au format JPEG ou PNG.
error-invalid_json = La requête n’est pas un JSON valide (champ « { $field } »).
