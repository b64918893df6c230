## Register: filings, entries, extracts, adaptation.

error-invalid_choice = Choisissez une valeur de la liste pour « { $field } ».
error-invalid_transition = Cette action n’est pas possible dans l’état actuel du dossier. Rechargez la page pour voir son état.
error-upload_empty = Le fichier choisi est vide. Choisissez un autre fichier.
error-upload_too_large = Le fichier doit peser au plus { $max } Mo.
error-upload_type = Le fichier doit être un PDF, une image JPEG ou PNG, et son contenu doit correspondre à ce format.
error-upload_name = Le nom du fichier contient des caractères non acceptés (barres obliques, caractères de contrôle ou d’inversion du sens du texte). Renommez le fichier.
error-invalid_duration = La durée doit être comprise entre { $min } et { $max } ans.
error-invalid_id_number = Fondateur n° { $row } : le numéro d’identité ne peut contenir que des lettres, des chiffres, des espaces, des tirets, des points et des barres obliques.
error-invalid_birth_year = Fondateur n° { $row } : l’année de naissance doit être comprise entre { $min } et { $max }.
error-in_kind_exceeds_subscription = Fondateur n° { $row } : l’apport en nature ne peut pas dépasser la valeur des parts souscrites ({ $max } dirhams).
error-paid_below_quarter = Fondateur n° { $row } : au moins un quart de la part en numéraire doit être libéré à la constitution, soit { $min } dirhams.
error-paid_above_subscribed = Fondateur n° { $row } : le montant libéré dépasse la part en numéraire souscrite ({ $max } dirhams).
error-union_founders_mismatch = Les fondateurs d’une union sont ses coopératives membres : indiquez chacune comme personne morale, une par coopérative membre.
error-duplicate_member_cooperative = La coopérative membre n° { $row } figure déjà dans la liste.
error-board_too_small = Le conseil d’administration compte au moins { $min } membres.
error-board_needs_one_chair = Désignez un président du conseil d’administration, et un seul.
error-manager_required = Indiquez au moins un gérant.
error-officer_role_mismatch = Dirigeant n° { $row } : la fonction ne correspond pas au mode de gestion choisi (conseil d’administration ou gérant).
error-officer_not_founder = Dirigeant n° { $row } : il doit être l’un des fondateurs, ou le représentant d’un fondateur personne morale (même nom).
error-duplicate_officer = Dirigeant n° { $row } : cette personne figure déjà dans la liste.
error-invalid_registration_number = Le numéro d’immatriculation a la forme tribunal/numéro, par exemple tpi-errachidia/000123.
