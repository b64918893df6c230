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

mkt-title = Salons, marchés et espaces d’exposition
mkt-lead = Les occasions de vendre publiées par l’Office et ses partenaires : salons, expositions, tournées des marchés itinérants, grandes surfaces, espaces d’exposition dans les aéroports et les gares. Les coopératives postulent avec leurs produits ; les stands sont attribués selon une règle publique.
mkt-new = Publier une occasion
mkt-publish = Publier
mkt-none = Aucune occasion publiée pour le moment.
mkt-stands-count = Stands : { $count }
mkt-applications-count = Candidatures : { $count }
mkt-allocated = stands attribués
mkt-kind-fair = Salon
mkt-kind-exhibition = Exposition
mkt-kind-mobile_market = Tournée des marchés itinérants
mkt-kind-retail = Grande surface
mkt-kind-display_space = Espace d’exposition (aéroport, gare)
mkt-place = Lieu
mkt-dates = Dates
mkt-conditions = Conditions et critères
mkt-stands-hint = Nombre de stands ou de créneaux à attribuer.
mkt-rule-title = Règle d’attribution des stands
mkt-rule-rotation = D’abord les coopératives qui ont obtenu le moins de places dans les { $count } dernières attributions, pour que ce ne soient pas toujours les mêmes.
mkt-rule-score = Puis le score des critères : 2 points pour un certificat en cours de validité, 1 point pour un siège dans la région de l’événement.
mkt-rule-women = Puis les coopératives dont la majorité des membres sont des femmes.
mkt-rule-lottery = Enfin un tirage au sort calculé à partir du numéro de l’événement et de celui de la coopérative : chacun peut le refaire.
mkt-applications = Candidatures et attribution
mkt-allocated-on = Stands attribués le { $date }.
mkt-col-rank = Rang
mkt-col-cooperative = Coopérative
mkt-col-recent = Places récentes
mkt-col-score = Score
mkt-col-women = Coopérative de femmes
mkt-col-draw = Tirage
mkt-col-outcome = Résultat
mkt-certified = certifiée
mkt-local = de la région
mkt-pending = en attente
mkt-won = Stand attribué
mkt-waitlist = Liste d’attente
mkt-no-applications = Aucune candidature pour le moment.
mkt-allocate = Attribuer les stands selon la règle
mkt-apply = Postuler
mkt-apply-submit = Envoyer la candidature
mkt-products-hint = Les produits que la coopérative exposera, un par ligne.
field-place_ar = Lieu (arabe)
field-place_fr = Lieu (français)
field-stands = Stands
field-conditions_ar = Conditions et critères (arabe)
field-conditions_fr = Conditions et critères (français)
nav-markets = Salons et marchés
mail-market-won-subject = { $title } : un stand vous est attribué
mail-market-won-body =
    Bonjour,

    Votre coopérative a obtenu un stand à « { $title } » (rang { $rank }).
    Les détails et la règle d’attribution :
    { $link }
mail-market-waitlist-subject = { $title } : votre candidature est sur la liste d’attente
mail-market-waitlist-body =
    Bonjour,

    Tous les stands de « { $title } » sont attribués ; votre coopérative est sur la liste d’attente (rang { $rank }).
    Les détails et la règle d’attribution :
    { $link }
error-sales_before_end = Les ventes se déclarent après la fin de l’événement.
field-sales_dh = Ventes déclarées (dirhams)
mkt-sales = Déclarer les ventes
mkt-sales-hint = Le total des ventes de la coopérative pendant l’événement, en dirhams.
mkt-sales-submit = Enregistrer les ventes
mkt-stats-title = Participation et ventes aux salons et marchés
mkt-stats-lead = Candidatures, places obtenues et ventes déclarées après les événements, par région, par secteur et pour les coopératives de femmes.
mkt-stats-applications = Candidatures
mkt-stats-places = Places obtenues
mkt-stats-sales = Ventes déclarées
mkt-stats-by-region = Par région
mkt-stats-by-sector = Par secteur
mkt-stats-by-women = Coopératives de femmes
mkt-stats-women = Coopératives de femmes
mkt-stats-other = Autres coopératives
cert-photo-title = Photo du produit pour le catalogue
cert-photo-for = Produit certifié
cert-photo-file = Photo (JPEG ou PNG)
cert-photo-hint = JPEG ou PNG, { $max } Mo au plus ; la photo est réduite automatiquement pour rester légère.
cert-photo-submit = Envoyer la photo
cert-photo-see = photo

## Products as records of their own, the product catalogue and the cooperatives' shops.

nav-products = Produits des coopératives
prod-title = Produits de la coopérative
prod-lead = Chaque produit avec son nom et sa description en arabe et en français, sa catégorie, sa fourchette de prix, ses photos et les certificats qui le couvrent. Ils paraissent dans le catalogue public et la boutique de la coopérative.
prod-list = Produits enregistrés
prod-col-name = Produit
prod-col-price = Prix
prod-col-photos = Photos
prod-none = Aucun produit enregistré.
prod-add = Ajouter un produit
prod-add-submit = Ajouter le produit
prod-edit = Modifier le produit
prod-edit-submit = Enregistrer les modifications
prod-public-page = Voir la page publique du produit
prod-photos = Photos du produit
prod-no-photos = Pas encore de photo.
prod-photo-alt = Photo { $n } : { $name }
prod-photo-delete = Retirer la photo { $n }
prod-photo-file = Photo (JPEG ou PNG)
prod-photo-hint = { $max } Mo au plus, { $count } photos au plus. La photo est réduite à { $side } pixels de côté et allégée avant d’être publiée.
prod-photo-submit = Ajouter la photo
prod-manage = Produits de la coopérative
prod-catalogue-title = Catalogue des produits des coopératives
prod-catalogue-lead = Les produits des coopératives actives, avec leurs prix, leurs photos, leurs certificats en cours de validité et le contact de la coopérative. Cherchez en arabe ou en français, par catégorie, région ou certificat.
prod-search-label = Produit ou coopérative
prod-search-hint = En arabe ou en français, par exemple : تمر، dattes, argan, زربية.
prod-any-certificate = Tout certificat en cours de validité
prod-count = Produits trouvés : { $count }
prod-catalogue-none = Aucun produit ne correspond à cette recherche.
prod-price-on-request = Prix sur demande
prod-price-hint = En dirhams, sans décimales. Laissez les deux vides pour « prix sur demande », ou un seul pour un prix unique.
prod-description-hint = Facultatif, 2 000 caractères au plus.
prod-no-certificates = La coopérative n’a pas encore de certificat : ajoutez-les depuis la page des certifications.
prod-cert-check = vérifier
prod-category-dates = Dattes
prod-category-argan_oil = Huile d’argan
prod-category-olive_oil = Huile d’olive
prod-category-honey = Miel
prod-category-cereals = Couscous et céréales
prod-category-dairy = Produits laitiers
prod-category-herbs_spices = Safran, herbes et épices
prod-category-cosmetics = Cosmétiques naturels
prod-category-carpets = Tapis
prod-category-pottery = Poterie
prod-category-textiles = Tissage et broderie
prod-category-leather = Cuir
prod-category-woodwork = Bois
prod-category-other = Autres produits
shop-open = Boutique de la coopérative
shop-title = Boutique : { $name }
shop-record = Fiche au registre
shop-products = Produits ({ $count })
shop-no-products = La coopérative n’a pas encore publié de produit.
shop-certifications = Certificats en cours de validité
shop-no-certifications = Aucun certificat en cours de validité.
field-category = Catégorie
field-description_ar = Description en arabe
field-description_fr = Description en français
field-price_min_dh = Prix minimum (dirhams)
field-price_max_dh = Prix maximum (dirhams)
field-certifications = Certificats qui couvrent le produit
field-document_for = Certificat
cert-document-title = Document du certificat (copie scannée)
cert-document-see = document
cert-document-hint = PDF, JPEG ou PNG, { $max } Mo au plus. Seuls les gérants, l’Office de la région et les administrateurs peuvent le télécharger.
cert-document-submit = Envoyer le document
coverage-export = Certificats par région
coverage-export-lead = Tous les certificats des coopératives actives, par région, avec leur état aujourd’hui.
mkt-stats-download = Télécharger les données
mkt-rule-params = Règle d’attribution
mkt-rule-params-hint = L’ordre est fixe : la rotation d’abord, puis le score, puis les coopératives de femmes, puis le tirage au sort. Vous choisissez les paramètres ; ils sont affichés sur la page de l’événement.
mkt-rule-range = Entre { $min } et { $max }.
mkt-rule-points = Puis le score des critères : { $certified } point(s) pour un certificat en cours de validité, { $local } point(s) pour un siège dans la région de l’événement.
mkt-rule-no-women = L’organisateur n’a pas retenu de priorité pour les coopératives de femmes.
mkt-rule-chosen = Paramètres choisis par l’organisateur à la publication.
field-rotation_events = Nombre d’attributions passées prises en compte pour la rotation
field-certified_points = Points pour un certificat en cours de validité
field-local_points = Points pour un siège dans la région
field-women_first = Priorité aux coopératives de femmes à score égal
error-invalid_price = Le champ « { $field } » doit être un nombre entier de dirhams entre 0 et { $max }.
error-price_range_reversed = Le prix maximum doit être supérieur ou égal au prix minimum.
error-unknown_certification = Choisissez des certificats de cette coopérative.
error-photo_unreadable = La photo est illisible ou endommagée : envoyez une autre photo JPEG ou PNG.
error-photo_too_large = La « { $field } » est trop grande ({ $width } × { $height } pixels) : envoyez une photo de { $max } mégapixels au plus, ou réduisez-la avant de l’envoyer.
error-invalid_points = Le champ « { $field } » doit être un nombre entier entre { $min } et { $max }.
error-too_many_photos = Un produit a au plus { $max } photos : retirez-en une avant d’en ajouter.
prod-delete = Retirer le produit
prod-delete-submit = Retirer le produit du catalogue
field-confirm = Oui, ce produit n’est plus vendu : le retirer avec ses photos
error-confirm_required = Cochez la case « { $field } » pour confirmer.
