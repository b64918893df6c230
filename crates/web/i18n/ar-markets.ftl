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
cert-photo-hint = { $max } كيلوبايت على الأكثر: تكفي صورة خفيفة ملتقطة بالهاتف ومصغرة.
cert-photo-submit = إرسال الصورة
cert-photo-see = الصورة
