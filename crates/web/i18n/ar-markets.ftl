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
