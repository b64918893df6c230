## جودة المنتوجات والولوج إلى الأسواق: الشهادات، لائحة المكتب الوطني للسلامة الصحية، الدليل، التغطية.

cert-title = الشهادات والجودة
cert-lead = شهادات التعاونية حسب المنتوج (الترخيص أو الاعتماد الصحي للمكتب الوطني للسلامة الصحية للمنتجات الغذائية، المنتوج البيولوجي، البيان الجغرافي، علامة جودة الصناعة التقليدية…)، صلاحيتها وتجديدها.
cert-list = شهادات التعاونية
cert-col-state = الحالة
cert-no-expiry = بدون تاريخ انتهاء
cert-reminded = أرسل تذكير قبل { $days } يوما من انتهاء الصلاحية
cert-none = لا توجد أي شهادة مسجلة.
cert-reminder-rule = يتلقى المسيرون تذكيرا بالبريد الإلكتروني قبل 90 ثم 30 ثم 7 أيام من انتهاء صلاحية الشهادة، مرة واحدة لكل أجل.
cert-checklist-title = الترخيص الصحي للمكتب الوطني للسلامة الصحية: ما يجب تحضيره
cert-onssa-held = تتوفر التعاونية على ترخيص أو اعتماد صحي ساري المفعول من المكتب الوطني للسلامة الصحية للمنتجات الغذائية.
cert-missing-lead = لطلب الترخيص الصحي، ما زالت { $count } خطوة (خطوات) ناقصة:
cert-checklist-complete = أنجزت كل الخطوات: التعاونية تنتظر قرار المكتب الوطني للسلامة الصحية.
cert-checklist-legend = الخطوات المنجزة
cert-item-registered = التعاونية مقيدة ونشيطة في السجل
cert-item-title_known = السند المطلوب معروف (ترخيص أو اعتماد، حسب المنتوجات)
cert-item-premises = المحل مطابق للمعايير (مسار نظيف، ماء صالح للشرب، جدران وأرضية قابلة للغسل، تخزين منفصل)
cert-item-hygiene_plan = مخطط النظافة مطبق (التنظيف، تكوين الأعضاء، المراقبة الذاتية)
cert-item-traceability = تتبع الدفعات ووصف المنتوجات وطرق التحضير جاهزة
cert-item-application_lodged = أودع الملف لدى المصلحة الإقليمية أو الجهوية للمكتب الوطني للسلامة الصحية
cert-item-inspection_passed = تمت زيارة المعاينة
cert-item-derived = مأخوذ من السجل، دون خانة للتأشير
cert-item-explained = الشرح في قاعدة المعارف
cert-checklist-save = حفظ الخطوات
cert-add = إضافة شهادة
cert-expires-hint = اتركه فارغا إذا لم يكن للشهادة تاريخ انتهاء.
cert-add-submit = إضافة الشهادة
cert-kind-onssa_authorization = الترخيص الصحي (ONSSA)
cert-kind-onssa_approval = الاعتماد الصحي (ONSSA)
cert-kind-organic = الإنتاج البيولوجي
cert-kind-geographical_indication = بيان جغرافي أو علامة مميزة
cert-kind-handicraft_label = علامة جودة الصناعة التقليدية
cert-kind-other = شهادة أخرى
cert-state-valid = سارية
cert-state-renewal_due = يجب تجديدها
cert-state-expired = منتهية الصلاحية
field-number = رقم الشهادة
field-issuer = الجهة المانحة
field-products = المنتوجات المشمولة
field-issued_on = تاريخ المنح
field-expires_on = تاريخ انتهاء الصلاحية

catalogue-title = دليل المنتوجات المعتمدة
catalogue-lead = منتوجات التعاونيات وشهاداتها السارية، كما سجلتها التعاونيات والمكتب. ابحث حسب المنتوج أو الجهة أو الشهادة.
catalogue-search-label = المنتوج أو التعاونية أو رقم الشهادة
catalogue-search-hint = مثلا: تمور، زيت الأركان، عسل.
catalogue-kind-label = الشهادة
catalogue-search = بحث
catalogue-count = المنتوجات الموجودة: { $count }
catalogue-narrow = تعرض { $limit } الأولى فقط: دقق البحث.
catalogue-certificate = رقم { $number }، سلمته { $issuer }
catalogue-valid-until = صالحة إلى غاية { $date }
catalogue-contact = الاتصال:
catalogue-none = لا يوجد أي منتوج معتمد يطابق هذا البحث.
catalogue-verify-note = تظهر كل شهادة برقمها والجهة التي سلمتها: يمكن للمشتري التحقق منها لدى هذه الجهة. تختفي الشهادة المنتهية من الدليل.

coverage-title = التعاونيات الغذائية والترخيص الصحي
coverage-lead = التعاونيات النشيطة المنتجة للمواد الغذائية، المتوفرة أو غير المتوفرة على ترخيص أو اعتماد صحي ساري المفعول، حسب الجهة.
coverage-queued = التذكيرات الموضوعة في قائمة الانتظار: { $count }
coverage-food = التعاونيات الغذائية
coverage-certified = بترخيص صحي
coverage-uncertified = بدون ترخيص صحي
coverage-table = التعاونيات الغذائية حسب الجهة
coverage-share = النسبة المعتمدة
coverage-reminders = التذكير قبل انتهاء الصلاحية
coverage-run-reminders = إرسال التذكيرات المستحقة الآن
coverage-outbox = الرسائل في الانتظار

mail-cert-reminder-subject = { $kind } رقم { $number }: تنتهي صلاحيته في { $date }
mail-cert-reminder-body =
    السلام عليكم،

    تنتهي صلاحية شهادة «{ $kind }» رقم { $number } الخاصة بـ{ $name } في { $date }، بعد { $days } يوما.
    أودعوا طلب التجديد في الوقت المناسب لمواصلة بيع هذه المنتوجات.

    شهادات التعاونية:
    { $link }

error-onssa_only_food = يمنح المكتب الوطني للسلامة الصحية شهاداته للتعاونيات المنتجة للمواد الغذائية، وقطاع هذه التعاونية ليس منها.
error-invalid_certificate_number = لا يقبل الرقم إلا الحروف اللاتينية والأرقام والمسافات و - / . _
error-certificate_already_recorded = هذه الشهادة (نفس النوع ونفس الرقم) مسجلة من قبل.

nav-catalogue = المنتوجات المعتمدة
nav-coverage = الجودة
cert-open = الشهادات وجودة المنتوجات
cert-other-coops = تعاونياتكم الأخرى

mkt-title = المعارض والأسواق وفضاءات العرض
mkt-lead = فرص التسويق التي ينشرها المكتب وشركاؤه: المعارض، الأسواق المتنقلة، المتاجر الكبرى، فضاءات العرض في المطارات ومحطات القطار. تترشح التعاونيات بمنتوجاتها، وتوزع الأروقة حسب قاعدة معلنة.
mkt-new = نشر فرصة تسويق
mkt-publish = نشر
mkt-none = لم تنشر أي فرصة بعد.
mkt-stands-count = الأروقة: { $count }
mkt-applications-count = الترشيحات: { $count }
mkt-allocated = وزعت الأروقة
mkt-kind-fair = معرض تجاري
mkt-kind-exhibition = معرض
mkt-kind-mobile_market = جولة الأسواق المتنقلة
mkt-kind-retail = متجر كبير
mkt-kind-display_space = فضاء عرض (مطار، محطة قطار)
mkt-place = المكان
mkt-dates = التواريخ
mkt-conditions = الشروط ومعايير الانتقاء
mkt-stands-hint = عدد الأروقة أو الفترات المراد توزيعها.
mkt-rule-title = قاعدة توزيع الأروقة
mkt-rule-rotation = أولا التعاونيات التي حصلت على أقل عدد من الأماكن في آخر { $count } توزيعات، حتى لا تفوز التعاونيات نفسها دائما.
mkt-rule-score = ثم نقط المعايير: نقطتان لشهادة سارية المفعول، ونقطة لمقر في جهة التظاهرة.
mkt-rule-women = ثم التعاونيات التي أغلب أعضائها نساء.
mkt-rule-lottery = وأخيرا قرعة محسوبة من رقم التظاهرة ورقم التعاونية: يمكن لأي أحد إعادة حسابها.
mkt-applications = الترشيحات والتوزيع
mkt-allocated-on = وزعت الأروقة في { $date }.
mkt-col-rank = الرتبة
mkt-col-cooperative = التعاونية
mkt-col-recent = الأماكن الأخيرة
mkt-col-score = النقط
mkt-col-women = تعاونية نسائية
mkt-col-draw = القرعة
mkt-col-outcome = النتيجة
mkt-certified = معتمدة
mkt-local = من الجهة
mkt-pending = في الانتظار
mkt-won = حصلت على رواق
mkt-waitlist = لائحة الانتظار
mkt-no-applications = لا توجد أي ترشيحات بعد.
mkt-allocate = توزيع الأروقة حسب القاعدة
mkt-apply = الترشح
mkt-apply-submit = إرسال الترشيح
mkt-products-hint = المنتوجات التي ستعرضها التعاونية، واحد في كل سطر.
field-place_ar = المكان (بالعربية)
field-place_fr = المكان (بالفرنسية)
field-stands = الأروقة
field-conditions_ar = الشروط والمعايير (بالعربية)
field-conditions_fr = الشروط والمعايير (بالفرنسية)
nav-markets = المعارض والأسواق
mail-market-won-subject = { $title }: حصلتم على رواق
mail-market-won-body =
    السلام عليكم،

    حصلت تعاونيتكم على رواق في «{ $title }» (الرتبة { $rank }).
    التفاصيل وقاعدة التوزيع:
    { $link }
mail-market-waitlist-subject = { $title }: ترشيحكم في لائحة الانتظار
mail-market-waitlist-body =
    السلام عليكم،

    وزعت كل أروقة «{ $title }»؛ تعاونيتكم في لائحة الانتظار (الرتبة { $rank }).
    التفاصيل وقاعدة التوزيع:
    { $link }
error-sales_before_end = يصرح بالمبيعات بعد نهاية التظاهرة.
field-sales_dh = المبيعات المصرح بها (بالدرهم)
mkt-sales = التصريح بالمبيعات
mkt-sales-hint = مجموع مبيعات التعاونية خلال التظاهرة، بالدرهم.
mkt-sales-submit = حفظ المبيعات
mkt-stats-title = المشاركة والمبيعات في المعارض والأسواق
mkt-stats-lead = الترشيحات والأماكن المحصل عليها والمبيعات المصرح بها بعد التظاهرات، حسب الجهة والقطاع وبالنسبة للتعاونيات النسائية.
mkt-stats-applications = الترشيحات
mkt-stats-places = الأماكن المحصل عليها
mkt-stats-sales = المبيعات المصرح بها
mkt-stats-by-region = حسب الجهة
mkt-stats-by-sector = حسب القطاع
mkt-stats-by-women = التعاونيات النسائية
mkt-stats-women = التعاونيات النسائية
mkt-stats-other = تعاونيات أخرى
cert-photo-title = صورة المنتوج للدليل
cert-photo-for = المنتوج المعتمد
cert-photo-file = الصورة (JPEG أو PNG)
cert-photo-hint = JPEG أو PNG، { $max } ميغابايت على الأكثر؛ تُصغَّر الصورة تلقائيا لتبقى خفيفة.
cert-photo-submit = إرسال الصورة
cert-photo-see = الصورة

## Products as records of their own, the product catalogue and the cooperatives' shops.

nav-products = منتجات التعاونيات
prod-title = منتجات التعاونية
prod-lead = كل منتج باسمه ووصفه بالعربية والفرنسية، وصنفه، ونطاق ثمنه، وصوره، والشهادات التي تشمله. تظهر المنتجات في الفهرس العمومي وفي متجر التعاونية.
prod-list = المنتجات المسجلة
prod-col-name = المنتج
prod-col-price = الثمن
prod-col-photos = الصور
prod-none = لا يوجد أي منتج مسجل.
prod-add = إضافة منتج
prod-add-submit = إضافة المنتج
prod-edit = تعديل المنتج
prod-edit-submit = حفظ التعديلات
prod-public-page = عرض الصفحة العمومية للمنتج
prod-photos = صور المنتج
prod-no-photos = لا توجد صورة بعد.
prod-photo-alt = الصورة { $n }: { $name }
prod-photo-delete = حذف الصورة { $n }
prod-photo-file = الصورة (JPEG أو PNG)
prod-photo-hint = { $max } ميغابايت على الأكثر، و{ $count } صور على الأكثر. تُصغَّر الصورة إلى { $side } بكسل وتُخفَّف قبل نشرها.
prod-photo-submit = إضافة الصورة
prod-manage = منتجات التعاونية
prod-catalogue-title = فهرس منتجات التعاونيات
prod-catalogue-lead = منتجات التعاونيات النشيطة بأثمنتها وصورها وشهاداتها السارية ووسائل الاتصال بالتعاونية. ابحث بالعربية أو بالفرنسية، حسب الصنف أو الجهة أو الشهادة.
prod-search-label = المنتج أو التعاونية
prod-search-hint = بالعربية أو بالفرنسية، مثلا: تمر، dattes، أركان، زربية.
prod-any-certificate = أي شهادة سارية
prod-count = المنتجات الموجودة: { $count }
prod-catalogue-none = لا يوجد منتج يطابق هذا البحث.
prod-price-on-request = الثمن عند الطلب
prod-price-hint = بالدرهم ودون كسور. اترك الخانتين فارغتين إذا كان الثمن عند الطلب، أو املأ واحدة لثمن واحد.
prod-description-hint = اختياري، 2000 حرف على الأكثر.
prod-no-certificates = لا تتوفر التعاونية على شهادة بعد: أضفها من صفحة الشهادات.
prod-cert-check = التحقق
prod-category-dates = التمور
prod-category-argan_oil = زيت الأركان
prod-category-olive_oil = زيت الزيتون
prod-category-honey = العسل
prod-category-cereals = الكسكس والحبوب
prod-category-dairy = منتجات الحليب
prod-category-herbs_spices = الزعفران والأعشاب والتوابل
prod-category-cosmetics = مواد التجميل الطبيعية
prod-category-carpets = الزرابي
prod-category-pottery = الفخار
prod-category-textiles = النسيج والطرز
prod-category-leather = الجلد
prod-category-woodwork = الخشب
prod-category-other = منتجات أخرى
shop-open = متجر التعاونية
shop-title = متجر: { $name }
shop-record = البطاقة في السجل
shop-products = المنتجات ({ $count })
shop-no-products = لم تنشر التعاونية أي منتج بعد.
shop-certifications = الشهادات السارية
shop-no-certifications = لا توجد شهادة سارية.
field-category = الصنف
field-description_ar = الوصف بالعربية
field-description_fr = الوصف بالفرنسية
field-price_min_dh = أدنى ثمن (بالدرهم)
field-price_max_dh = أعلى ثمن (بالدرهم)
field-certifications = الشهادات التي تشمل المنتج
field-document_for = الشهادة
cert-document-title = وثيقة الشهادة (نسخة ممسوحة)
cert-document-see = الوثيقة
cert-document-hint = PDF أو JPEG أو PNG، { $max } ميغابايت على الأكثر. لا يحملها إلا المسيرون ومكتب الجهة والمتصرفون.
cert-document-submit = إرسال الوثيقة
coverage-export = الشهادات حسب الجهة
coverage-export-lead = كل شهادات التعاونيات النشيطة حسب الجهة، مع حالتها اليوم.
mkt-stats-download = تحميل المعطيات
mkt-rule-params = قاعدة التوزيع
mkt-rule-params-hint = الترتيب ثابت: التناوب أولا، ثم النقط، ثم تعاونيات النساء، ثم القرعة. تختار أنت المعايير، وتُعرض في صفحة التظاهرة.
mkt-rule-range = بين { $min } و{ $max }.
mkt-rule-points = ثم نقط المعايير: { $certified } نقطة لشهادة سارية، و{ $local } نقطة لمقر في جهة التظاهرة.
mkt-rule-no-women = لم يعتمد المنظم أولوية لتعاونيات النساء.
mkt-rule-chosen = معايير اختارها المنظم عند النشر.
field-rotation_events = عدد التوزيعات السابقة المعتمدة في التناوب
field-certified_points = النقط الممنوحة لشهادة سارية
field-local_points = النقط الممنوحة لمقر في الجهة
field-women_first = أولوية تعاونيات النساء عند تساوي النقط
error-invalid_price = يجب أن تكون خانة «{ $field }» عددا صحيحا من الدراهم بين 0 و{ $max }.
error-price_range_reversed = يجب أن يكون أعلى ثمن مساويا لأدنى ثمن أو أكبر منه.
error-unknown_certification = اختر شهادات هذه التعاونية.
error-photo_unreadable = الصورة غير مقروءة أو تالفة: أرسل صورة أخرى بصيغة JPEG أو PNG.
error-photo_too_large = الصورة المرسلة في خانة «{ $field }» كبيرة جدا ({ $width } × { $height } بكسل): أرسل صورة من { $max } ميغابكسل على الأكثر، أو صغّرها قبل إرسالها.
error-invalid_points = يجب أن تكون خانة «{ $field }» عددا صحيحا بين { $min } و{ $max }.
error-too_many_photos = للمنتج { $max } صور على الأكثر: احذف واحدة قبل إضافة أخرى.
prod-delete = حذف المنتج
prod-delete-submit = حذف المنتج من الفهرس
field-confirm = نعم، لم يعد هذا المنتج يباع: احذفه مع صوره
error-confirm_required = ضع علامة على خانة «{ $field }» للتأكيد.
