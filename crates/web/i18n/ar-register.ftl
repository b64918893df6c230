## Register: filings, entries, extracts, adaptation.

error-invalid_choice = اختر قيمة من القائمة في خانة «{ $field }».
error-invalid_transition = لا يمكن القيام بهذا الإجراء في الحالة الحالية للملف. أعد تحميل الصفحة للاطلاع على حالته.
error-upload_empty = الملف المختار فارغ. اختر ملفا آخر.
error-upload_too_large = يجب ألا يتجاوز حجم الملف { $max } ميغابايت.
error-upload_type = يجب أن يكون الملف بصيغة PDF أو صورة JPEG أو PNG، وأن يطابق محتواه هذه الصيغة.
error-upload_name = يحتوي اسم الملف على رموز غير مقبولة (خط مائل أو رموز تحكم أو رموز عكس اتجاه النص). غيّر اسم الملف.
error-invalid_duration = يجب أن تتراوح المدة بين { $min } و{ $max } سنة.
error-invalid_id_number = المؤسس رقم { $row }: لا يمكن أن يتضمن رقم التعريف إلا حروفا لاتينية وأرقاما ومسافات وشرطات ونقطا وخطوطا مائلة.
error-invalid_birth_year = المؤسس رقم { $row }: يجب أن تكون سنة الازدياد بين { $min } و{ $max }.
error-in_kind_exceeds_subscription = المؤسس رقم { $row }: لا يمكن أن تتجاوز الحصة العينية قيمة الحصص المكتتبة ({ $max } درهم).
error-paid_below_quarter = المؤسس رقم { $row }: يجب أداء ربع الحصة النقدية على الأقل عند التأسيس، أي { $min } درهم.
error-paid_above_subscribed = المؤسس رقم { $row }: المبلغ المؤدى يتجاوز قيمة الحصة النقدية المكتتبة ({ $max } درهم).
error-union_founders_mismatch = مؤسسو الاتحاد هم التعاونيات الأعضاء فيه: أدخل كل واحدة منها بصفتها شخصا اعتباريا، واحدة عن كل تعاونية عضو.
error-duplicate_member_cooperative = التعاونية العضو رقم { $row } مدرجة في اللائحة من قبل.
error-board_too_small = يتكون مجلس الإدارة من { $min } أعضاء على الأقل.
error-board_needs_one_chair = عيّن رئيسا واحدا لمجلس الإدارة، لا أكثر.
error-manager_required = أدخل مسيرا واحدا على الأقل.
error-officer_role_mismatch = عضو جهاز التسيير رقم { $row }: المهمة لا تتوافق مع نمط التسيير المختار (مجلس الإدارة أو المسير).
error-officer_not_founder = عضو جهاز التسيير رقم { $row }: يجب أن يكون من بين المؤسسين أو ممثلا لمؤسس شخص اعتباري (بنفس الاسم).
error-duplicate_officer = عضو جهاز التسيير رقم { $row }: هذا الشخص مدرج في اللائحة من قبل.
error-invalid_registration_number = يكتب رقم التسجيل على شكل المحكمة/الرقم، مثلا tpi-errachidia/000123.
