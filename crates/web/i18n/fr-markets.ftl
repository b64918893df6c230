## Product quality and market access: certifications, ONSSA checklist, catalogue, coverage.

cert-title = Certifications et qualité
cert-lead = Les certificats de la coopérative par produit (autorisation ou agrément sanitaire de l’ONSSA, bio, indication géographique, label de l’artisanat…), leur validité et leur renouvellement.
cert-list = Certificats de la coopérative
cert-col-state = État
cert-no-expiry = Sans date de fin
cert-reminded = Rappel envoyé { $days } jours avant l’échéance
cert-none = Aucun certificat enregistré.
cert-reminder-rule = Les gérants reçoivent un rappel par courriel 90, 30 puis 7 jours avant l’expiration d’un certificat, une seule fois pour chaque échéance.
cert-checklist-title = Autorisation sanitaire de l’ONSSA : ce qu’il faut préparer
cert-onssa-held = La coopérative détient une autorisation ou un agrément sanitaire de l’ONSSA en cours de validité.
cert-missing-lead = Pour demander l’autorisation sanitaire de l’ONSSA, il manque encore { $count } étape(s) :
cert-checklist-complete = Toutes les étapes sont faites : la coopérative attend la décision de l’ONSSA.
cert-checklist-legend = Étapes faites
cert-item-registered = La coopérative est immatriculée et active au registre
cert-item-title_known = Le titre requis est connu (autorisation ou agrément, selon les produits)
cert-item-premises = Le local est aux normes (circuit propre, eau potable, murs et sols lavables, stockage séparé)
cert-item-hygiene_plan = Le plan d’hygiène est en place (nettoyage, formation des membres, autocontrôles)
cert-item-traceability = La traçabilité des lots et la description des produits et des procédés sont prêtes
cert-item-application_lodged = Le dossier est déposé au service provincial ou régional de l’ONSSA
cert-item-inspection_passed = La visite d’inspection a eu lieu
cert-item-derived = Lu dans le registre, sans case à cocher
cert-item-explained = Expliqué dans la base de connaissances
cert-checklist-save = Enregistrer les étapes
cert-add = Ajouter un certificat
cert-expires-hint = Laissez vide si le certificat n’a pas de date de fin.
cert-add-submit = Ajouter le certificat
cert-kind-onssa_authorization = Autorisation sanitaire ONSSA
cert-kind-onssa_approval = Agrément sanitaire ONSSA
cert-kind-organic = Production biologique
cert-kind-geographical_indication = Indication géographique ou label
cert-kind-handicraft_label = Label qualité de l’artisanat
cert-kind-other = Autre certificat
cert-state-valid = Valide
cert-state-renewal_due = À renouveler
cert-state-expired = Expiré
field-number = Numéro du certificat
field-issuer = Organisme qui l’a délivré
field-products = Produits couverts
field-issued_on = Date de délivrance
field-expires_on = Date d’expiration

catalogue-title = Catalogue des produits certifiés
catalogue-lead = Les produits des coopératives et leurs certificats en cours de validité, tels que les coopératives et l’Office les ont enregistrés. Cherchez par produit, région ou certificat.
catalogue-search-label = Produit, coopérative ou numéro de certificat
catalogue-search-hint = Par exemple : dattes, huile d’argan, miel.
catalogue-kind-label = Certificat
catalogue-search = Chercher
catalogue-count = Produits trouvés : { $count }
catalogue-narrow = Seuls les { $limit } premiers sont affichés : précisez la recherche.
catalogue-certificate = n° { $number }, délivré par { $issuer }
catalogue-valid-until = valable jusqu’au { $date }
catalogue-contact = Contact :
catalogue-none = Aucun produit certifié ne correspond à cette recherche.
catalogue-verify-note = Chaque certificat figure avec son numéro et l’organisme qui l’a délivré : l’acheteur peut le vérifier auprès de cet organisme. Un certificat expiré disparaît du catalogue.

coverage-title = Coopératives alimentaires et autorisation sanitaire
coverage-lead = Coopératives actives produisant des aliments, avec ou sans autorisation ou agrément sanitaire de l’ONSSA en cours de validité, par région.
coverage-queued = Rappels mis en file d’attente : { $count }
coverage-food = Coopératives alimentaires
coverage-certified = Avec autorisation ONSSA
coverage-uncertified = Sans autorisation ONSSA
coverage-table = Coopératives alimentaires par région
coverage-share = Part certifiée
coverage-reminders = Rappels avant expiration
coverage-run-reminders = Envoyer maintenant les rappels dus
coverage-outbox = Courriels en attente

mail-cert-reminder-subject = { $kind } n° { $number } : expire le { $date }
mail-cert-reminder-body =
    Bonjour,

    Le certificat « { $kind } » n° { $number } de { $name } expire le { $date }, dans { $days } jours.
    Déposez la demande de renouvellement à temps pour continuer à vendre ces produits.

    Les certificats de la coopérative :
    { $link }

error-onssa_only_food = L’ONSSA certifie les coopératives qui produisent des aliments ; le secteur de cette coopérative n’en est pas un.
error-invalid_certificate_number = Le numéro ne peut contenir que des lettres latines, des chiffres, des espaces et - / . _
error-certificate_already_recorded = Ce certificat (même type et même numéro) est déjà enregistré.

nav-catalogue = Produits certifiés
nav-coverage = Qualité
cert-open = Certifications et qualité des produits
cert-other-coops = Vos autres coopératives
